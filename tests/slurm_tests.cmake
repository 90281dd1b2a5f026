# deploy/slurm on a real one-node Slurm: the test starts munged, slurmctld and slurmd of its own
# in a temporary directory (loopback ports chosen at run time), submits deploy/slurm/submit.sh
# with 3 shards over a generated JSON Lines corpus, and checks the merged N-Quads against one
# newskg run; then stops the daemons. Needs Debian's slurm-wlm and munge: without them, or if
# the daemons do not start, it fails (it never skips). tests/slurm/slurm_test.sh has the details.
add_test(NAME Slurm.array_shards_merge_equal_single_run
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/slurm/slurm_test.sh $<TARGET_FILE:newskg> ${PROJECT_SOURCE_DIR})
set_tests_properties(Slurm.array_shards_merge_equal_single_run PROPERTIES TIMEOUT 600 LABELS slurm)
