# Linked-data tests: SHACL validation (our validator, cross-checked with shacl-engine),
# competency queries in real triple stores (Oxigraph, Virtuoso), stable IRIs across runs.
# Needs Node.js with npm (tests/js/package-lock.json) and Debian's virtuoso-opensource; they
# fail, never skip, when one of them is missing or a store cannot start.
set(LD_OUT ${CMAKE_CURRENT_BINARY_DIR}/linked-data)
file(MAKE_DIRECTORY ${LD_OUT})
set(SHAPES ${PROJECT_SOURCE_DIR}/ontology/shapes.ttl)
set(ONTOLOGY ${PROJECT_SOURCE_DIR}/ontology/newskg.ttl)
set(JS ${PROJECT_SOURCE_DIR}/tests/js)
find_program(NODE node)
if(NOT NODE)
  set(NODE node)  # the tests then fail, naming it
endif()

# The validator's unit tests.
add_executable(test_shacl test_shacl.cpp)
target_link_libraries(test_shacl PRIVATE newskg_validation GTest::gtest_main)
gtest_discover_tests(test_shacl DISCOVERY_TIMEOUT 60)

# `newskg validate` on the seed and its exit codes.
add_test(NAME Validate.seed_conforms COMMAND ${NEWSKG_BIN} validate ${OUT}/seed.nq)
set_tests_properties(Validate.seed_conforms PROPERTIES FIXTURES_REQUIRED seed_nquads PASS_REGULAR_EXPRESSION "^conforms: ")
add_test(NAME Validate.seed_every_format_conforms COMMAND ${NEWSKG_BIN} validate ${OUT}/seed.ttl ${OUT}/seed.trig ${OUT}/seed.nt)
set_tests_properties(Validate.seed_every_format_conforms PROPERTIES FIXTURES_REQUIRED "seed_turtle;seed_trig;seed_ntriples" PASS_REGULAR_EXPRESSION "^conforms: ")
add_test(NAME Validate.report_is_turtle
         COMMAND sh -c "\"$0\" validate \"$1\" -f turtle -o \"$2\"; test $? -eq 1 && \"$3\" -i turtle -o ntriples \"$2\" | grep -c ValidationResult"
                 ${NEWSKG_BIN} ${PROJECT_SOURCE_DIR}/tests/shacl/broken/two-statuses.ttl ${LD_OUT}/report.ttl ${SERDI})
set_tests_properties(Validate.report_is_turtle PROPERTIES PASS_REGULAR_EXPRESSION "^2")
expect_exit(Validate.violations_exit_1 1 "aid-0-41> nkg:provider: An aid must have at least one nkg:provider"
            ${NEWSKG_BIN} validate ${PROJECT_SOURCE_DIR}/tests/shacl/broken/missing-provider.ttl)
expect_exit(Validate.missing_file_exits_2 2 "no-such.ttl" ${NEWSKG_BIN} validate ${LD_OUT}/no-such.ttl)
expect_exit(Validate.unparsable_exits_2 2 "kgscore.py:" ${NEWSKG_BIN} validate -i turtle ${PROJECT_SOURCE_DIR}/tools/kgscore.py)
expect_exit(Validate.bad_shapes_exit_2 2 "README.md" ${NEWSKG_BIN} validate ${OUT}/seed.nq --shapes ${PROJECT_SOURCE_DIR}/README.md --ontology ${ONTOLOGY})
expect_exit(Validate.no_data_exits_2 2 "no DATA" ${NEWSKG_BIN} validate)
expect_exit(Validate.bad_format_exits_2 2 "format" ${NEWSKG_BIN} validate -f json ${OUT}/seed.nq)
set_tests_properties(Validate.bad_shapes_exit_2 PROPERTIES FIXTURES_REQUIRED seed_nquads)

# `newskg extract --validate`: writes a conforming graph; with shapes it cannot meet, exit 1
# and nothing written.
add_test(NAME Validate.extract_validate
         COMMAND sh -c "rm -f \"$2\"; \"$0\" extract \"$1\" --published 2024-10-22 --validate -o \"$2\" && test -s \"$2\""
                 ${NEWSKG_BIN} ${SEED} ${LD_OUT}/validated.ttl)
add_test(NAME Validate.extract_validate_fails
         COMMAND sh -c "d=\"$3/strict-data\"; rm -rf \"$d\" \"$2\"; mkdir -p \"$d\" && cp -r \"$4/gazetteer\" \"$4/lexicons\" \"$4/newskg.ttl\" \"$d\" && cp \"$5\" \"$d/shapes.ttl\" && \"$0\" extract \"$1\" --validate --data \"$d\" -o \"$2\" 2>&1; s=$?; test $s -eq 1 && test ! -e \"$2\""
                 ${NEWSKG_BIN} ${SEED} ${LD_OUT}/invalid.ttl ${LD_OUT} ${PROJECT_SOURCE_DIR}/ontology ${PROJECT_SOURCE_DIR}/tests/shacl/titled-documents.ttl)
set_tests_properties(Validate.extract_validate_fails PROPERTIES PASS_REGULAR_EXPRESSION "does not conform.*dcterms:title")

# Stable IRIs: two runs over overlapping article sets merge without duplicates.
add_test(NAME Iris.merge_two_runs COMMAND ${PROJECT_SOURCE_DIR}/tests/merge_runs.sh ${NEWSKG_BIN} ${PROJECT_SOURCE_DIR}/samples ${LD_OUT}/merge)

# Third-party tools from tests/js/package-lock.json.
add_test(NAME Js.npm_ci COMMAND ${JS}/npm_ci.sh)
set_tests_properties(Js.npm_ci PROPERTIES FIXTURES_SETUP js_modules TIMEOUT 300 RESOURCE_LOCK npm)

# Cross-check with shacl-engine: the shapes' own test graphs (one valid, the others each
# broken one way), then newskg's output for every sample.
function(shacl_crosscheck name)
  add_test(NAME Shacl.crosscheck_${name}
           COMMAND ${NODE} ${JS}/shacl_crosscheck.mjs --newskg ${NEWSKG_BIN} --shapes ${SHAPES} --ontology ${ONTOLOGY} ${ARGN})
  set_tests_properties(Shacl.crosscheck_${name} PROPERTIES FIXTURES_REQUIRED "js_modules;${LD_FIXTURES}" FAIL_REGULAR_EXPRESSION "DISAGREE")
endfunction()
file(GLOB shacl_cases ${PROJECT_SOURCE_DIR}/tests/shacl/valid-minimal.ttl ${PROJECT_SOURCE_DIR}/tests/shacl/broken/*.ttl)
foreach(case ${shacl_cases})
  get_filename_component(name ${case} NAME_WE)
  shacl_crosscheck(${name} --expect-file ${case})
endforeach()
file(GLOB sample_texts ${PROJECT_SOURCE_DIR}/samples/*.txt)
foreach(text ${sample_texts})
  get_filename_component(name ${text} NAME_WE)
  string(REPLACE ".txt" ".json" gold ${text})
  set(published_option)
  if(EXISTS ${gold})
    file(READ ${gold} gold_json)
    string(REGEX MATCH "\"published\": *\"([0-9-]+)\"" _ "${gold_json}")
    if(CMAKE_MATCH_1)
      set(published_option --published ${CMAKE_MATCH_1})
    endif()
  endif()
  add_test(NAME Shacl.extract_${name} COMMAND ${NEWSKG_BIN} extract ${text} ${published_option} -f nquads -o ${LD_OUT}/${name}.nq)
  set_tests_properties(Shacl.extract_${name} PROPERTIES FIXTURES_SETUP sample_${name})
  set(LD_FIXTURES sample_${name})
  shacl_crosscheck(sample_${name} ${LD_OUT}/${name}.nq)
endforeach()
set(LD_FIXTURES)

# Competency queries (ontology/queries/*.rq) against their expected results, in Oxigraph and
# in a Virtuoso server, on the graph ontology/queries/regenerate.sh describes.
add_test(NAME Queries.extract_seed
         COMMAND ${NEWSKG_BIN} extract ${SEED} --published 2024-10-22 -f nquads -o ${LD_OUT}/queries-seed.nq)
set_tests_properties(Queries.extract_seed PROPERTIES FIXTURES_SETUP queries_seed)
add_test(NAME Queries.oxigraph COMMAND ${NODE} ${JS}/queries.mjs --oxigraph ${LD_OUT}/queries-seed.nq)
set_tests_properties(Queries.oxigraph PROPERTIES FIXTURES_REQUIRED "js_modules;queries_seed" PASS_REGULAR_EXPRESSION " 0 failed")
add_test(NAME Queries.virtuoso COMMAND ${PROJECT_SOURCE_DIR}/tests/stores/virtuoso_queries.sh ${LD_OUT}/queries-seed.nq)
set_tests_properties(Queries.virtuoso PROPERTIES FIXTURES_REQUIRED "js_modules;queries_seed" PASS_REGULAR_EXPRESSION " 0 failed" TIMEOUT 120)
