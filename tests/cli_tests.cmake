# End-to-end tests through the newskg binary and the seed sample.
set(NEWSKG_BIN $<TARGET_FILE:newskg>)
set(SEED ${PROJECT_SOURCE_DIR}/samples/article-korea-ukraine.txt)
set(SEED_GOLD ${PROJECT_SOURCE_DIR}/samples/article-korea-ukraine.json)
set(OUT ${CMAKE_CURRENT_BINARY_DIR}/out)
file(MAKE_DIRECTORY ${OUT})
find_program(SERDI serdi REQUIRED)
find_program(RAPPER rapper REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)

# The seed in every output format; each output must parse in serdi and rapper.
foreach(fmt turtle ntriples nquads trig)
  set(ext_turtle ttl)
  set(ext_ntriples nt)
  set(ext_nquads nq)
  set(ext_trig trig)
  set(file ${OUT}/seed.${ext_${fmt}})
  add_test(NAME Cli.extract_${fmt}
           COMMAND ${NEWSKG_BIN} extract ${SEED} --published 2024-10-22 --url https://example.org/seed --title "Seed article" -f ${fmt} -o ${file})
  set_tests_properties(Cli.extract_${fmt} PROPERTIES FIXTURES_SETUP seed_${fmt})
  add_test(NAME Cli.serdi_parses_${fmt} COMMAND ${SERDI} -i ${fmt} -o nquads ${file})
  set_tests_properties(Cli.serdi_parses_${fmt} PROPERTIES FIXTURES_REQUIRED seed_${fmt})
  add_test(NAME Cli.rapper_parses_${fmt} COMMAND ${RAPPER} -q -i ${fmt} -c ${file})
  set_tests_properties(Cli.rapper_parses_${fmt} PROPERTIES FIXTURES_REQUIRED seed_${fmt})
endforeach()

# The ontology parses in both readers.
add_test(NAME Ontology.serdi_parses COMMAND ${SERDI} -i turtle -o ntriples ${PROJECT_SOURCE_DIR}/ontology/newskg.ttl)
add_test(NAME Ontology.rapper_parses COMMAND ${RAPPER} -q -i turtle -c ${PROJECT_SOURCE_DIR}/ontology/newskg.ttl)

# The shared scorer on the seed: F1 at least 0.70, no bad span, no fact without evidence.
add_test(NAME Seed.kgscore_f1
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/kgscore.py ${SEED_GOLD} ${OUT}/seed.ttl --min-f1 0.70)
set_tests_properties(Seed.kgscore_f1 PROPERTIES FIXTURES_REQUIRED seed_turtle
                     FAIL_REGULAR_EXPRESSION "provenance: [0-9]+ spans, [1-9][0-9]* whose|, [1-9][0-9]* facts without")

# Command-line contract: version, help, exit codes 0/1/2 with messages naming the culprit.
add_test(NAME Cli.version COMMAND ${NEWSKG_BIN} --version)
set_tests_properties(Cli.version PROPERTIES PASS_REGULAR_EXPRESSION "^newskg [0-9]+\\.[0-9]+\\.[0-9]+")
add_test(NAME Cli.help COMMAND ${NEWSKG_BIN} --help)
set_tests_properties(Cli.help PROPERTIES PASS_REGULAR_EXPRESSION "extract")
add_test(NAME Cli.extract_help COMMAND ${NEWSKG_BIN} extract --help)
set_tests_properties(Cli.extract_help PROPERTIES PASS_REGULAR_EXPRESSION "--published")
function(expect_exit name code regex)
  add_test(NAME ${name} COMMAND sh -c "\"$0\" \"$@\" 2>&1; test $? -eq ${code}" ${ARGN})
  set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}")
endfunction()
expect_exit(Cli.unknown_option_exits_2 2 "--bogus" ${NEWSKG_BIN} extract --bogus ${SEED})
expect_exit(Cli.bad_format_exits_2 2 "format" ${NEWSKG_BIN} extract -f rdfxml ${SEED})
expect_exit(Cli.bad_date_exits_2 2 "published" ${NEWSKG_BIN} extract --published 2024-02-30 ${SEED})
expect_exit(Cli.unknown_command_exits_2 2 "frobnicate" ${NEWSKG_BIN} frobnicate)
expect_exit(Cli.missing_file_exits_1 1 "no-such-file.txt" ${NEWSKG_BIN} extract ${OUT}/no-such-file.txt)
file(MAKE_DIRECTORY ${OUT}/folder-without-articles)
expect_exit(Cli.folder_without_articles_exits_1 1 "no article files" ${NEWSKG_BIN} extract ${OUT}/folder-without-articles)
expect_exit(Cli.explain_directory_exits_1 1 "is a directory" ${NEWSKG_BIN} explain --sentence 1 ${OUT})
expect_exit(Cli.unwritable_output_exits_1 1 "no-such-dir/x.ttl" ${NEWSKG_BIN} extract ${SEED} -o ${OUT}/no-such-dir/x.ttl)
add_test(NAME Cli.reads_stdin COMMAND sh -c "echo 'Germany will send 500 soldiers to Lithuania.' | \"$0\" extract -f ntriples -" ${NEWSKG_BIN})
set_tests_properties(Cli.reads_stdin PROPERTIES PASS_REGULAR_EXPRESSION "TroopsAid")

# The same input gives byte-identical output.
add_test(NAME Cli.deterministic
         COMMAND sh -c "\"$0\" extract \"$1\" -f nquads > \"$2/a.nq\" && \"$0\" extract \"$1\" -f nquads > \"$2/b.nq\" && cmp \"$2/a.nq\" \"$2/b.nq\""
                 ${NEWSKG_BIN} ${SEED} ${OUT})

# The end-to-end GoogleTest on the seed: gold facts, spans, Turtle = N-Triples through Sord.
add_executable(test_seed test_seed.cpp)
target_link_libraries(test_seed PRIVATE newskg_extractor newskg_exporters PkgConfig::SERD PkgConfig::SORD GTest::gtest_main)
target_compile_definitions(test_seed PRIVATE NEWSKG_SEED="${SEED}")
gtest_discover_tests(test_seed DISCOVERY_TIMEOUT 60)

# Quality floor over every sample with gold (the seed and the team's own articles): a change
# that makes extraction worse across articles fails here. docs/quality.md has the figures.
add_test(NAME Samples.kgscore_f1
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/score_samples.py ${NEWSKG_BIN} ${PROJECT_SOURCE_DIR}/samples
                 ${PROJECT_SOURCE_DIR}/tools/kgscore.py ${OUT}/samples 0.60)
set_tests_properties(Samples.kgscore_f1 PROPERTIES FAIL_REGULAR_EXPRESSION "provenance: [0-9]+ spans, [1-9][0-9]* whose|, [1-9][0-9]* facts without")

# --explain and `newskg explain`: every fact says why it is there; a sentence without a fact
# says which triggers were seen and why each was dropped.
add_test(NAME Cli.extract_explain
         COMMAND sh -c "\"$0\" extract \"$1\" --published 2024-10-22 -o /dev/null --explain=\"$2/seed.explain\" && cat \"$2/seed.explain\""
                 ${NEWSKG_BIN} ${SEED} ${OUT})
set_tests_properties(Cli.extract_explain PROPERTIES
  PASS_REGULAR_EXPRESSION "because   status Considered: modal 'might' \\(modality.considered, [^)]*triggers.tsv:[0-9]+\\)")
add_test(NAME Cli.explain_sentence_without_fact COMMAND ${NEWSKG_BIN} explain --sentence 23 ${SEED} --published 2024-10-22)
set_tests_properties(Cli.explain_sentence_without_fact PROPERTIES
  PASS_REGULAR_EXPRESSION "'verified' .*claim.verify .*negation.*no claim is made")
expect_exit(Cli.explain_no_such_sentence_exits_1 1 "has 24 sentences, not 99" ${NEWSKG_BIN} explain --sentence 99 ${SEED})
expect_exit(Cli.explain_without_sentence_exits_2 2 "--sentence" ${NEWSKG_BIN} explain ${SEED})
