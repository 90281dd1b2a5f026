# The views for people: the HTML report in a real browser (headless Chromium), the event table
# (-f tsv) read back by Python's csv module, the drawing (-f dot) laid out by Graphviz.
add_executable(test_views test_views.cpp)
target_link_libraries(test_views PRIVATE newskg_exporters GTest::gtest_main)
gtest_discover_tests(test_views DISCOVERY_TIMEOUT 60)

add_executable(dot_check dot_check.cpp)
target_link_libraries(dot_check PRIVATE newskg_exporters)

# Without Chromium the browser tests fail (they never skip): install Debian's chromium.
find_program(CHROMIUM NAMES chromium chromium-browser)
if(NOT CHROMIUM)
  message(WARNING "chromium not found: the Report.browser_* tests will fail (apt-get install chromium)")
  set(CHROMIUM chromium-not-found)
endif()
set(REPORT_CHECK ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report_check.py)
set(REPORT_SAMPLES ${PROJECT_SOURCE_DIR}/samples/02-sahel-russia-africa-corps.txt ${PROJECT_SOURCE_DIR}/samples/12-congo-m23-rwanda.txt)

# The report of the seed, and one of two samples together.
add_test(NAME Report.write_seed COMMAND ${NEWSKG_BIN} report ${SEED} --published 2024-10-22 -o ${OUT}/report-seed.html)
set_tests_properties(Report.write_seed PROPERTIES FIXTURES_SETUP report_seed)
add_test(NAME Report.write_samples COMMAND ${NEWSKG_BIN} report ${REPORT_SAMPLES} --published 2024-10-22 -o ${OUT}/report-samples.html)
set_tests_properties(Report.write_samples PROPERTIES FIXTURES_SETUP report_samples)

# In Chromium: a screenshot into the build folder, and through the DOM every fact of the RDF
# has its highlighted spans, its row and its node.
add_test(NAME Report.browser_dom_seed
         COMMAND ${REPORT_CHECK} dom --chromium ${CHROMIUM} --newskg ${NEWSKG_BIN} --html ${OUT}/report-seed.html
                 --screenshot ${OUT}/report-seed.png --published 2024-10-22 ${SEED})
set_tests_properties(Report.browser_dom_seed PROPERTIES FIXTURES_REQUIRED report_seed TIMEOUT 120)
add_test(NAME Report.browser_dom_samples
         COMMAND ${REPORT_CHECK} dom --chromium ${CHROMIUM} --newskg ${NEWSKG_BIN} --html ${OUT}/report-samples.html
                 --screenshot ${OUT}/report-samples.png --published 2024-10-22 ${REPORT_SAMPLES})
set_tests_properties(Report.browser_dom_samples PROPERTIES FIXTURES_REQUIRED report_samples TIMEOUT 120)
# ... and the pages make no network request.
add_test(NAME Report.browser_no_network
         COMMAND ${REPORT_CHECK} network --chromium ${CHROMIUM} --work ${OUT}/report-network ${OUT}/report-seed.html
                 ${OUT}/report-samples.html)
set_tests_properties(Report.browser_no_network PROPERTIES FIXTURES_REQUIRED "report_seed;report_samples" TIMEOUT 120)

add_test(NAME Report.help COMMAND ${NEWSKG_BIN} report --help)
set_tests_properties(Report.help PROPERTIES PASS_REGULAR_EXPRESSION "--published")
expect_exit(Report.missing_file_exits_1 1 "no-such-file.txt" ${NEWSKG_BIN} report ${OUT}/no-such-file.txt -o ${OUT}/missing.html)
expect_exit(Report.bad_date_exits_2 2 "published" ${NEWSKG_BIN} report ${SEED} --published 2024-13-01)
expect_exit(Report.unwritable_output_exits_1 1 "no-such-dir/r.html" ${NEWSKG_BIN} report ${SEED} -o ${OUT}/no-such-dir/r.html)

# The event table and the drawing of the seed and the two samples.
add_test(NAME Extract.tsv COMMAND ${NEWSKG_BIN} extract ${SEED} ${REPORT_SAMPLES} --published 2024-10-22 -f tsv -o ${OUT}/events.tsv)
set_tests_properties(Extract.tsv PROPERTIES FIXTURES_SETUP events_tsv)
add_test(NAME Extract.tsv_reads_back
         COMMAND ${REPORT_CHECK} tsv --newskg ${NEWSKG_BIN} --tsv ${OUT}/events.tsv --published 2024-10-22 ${SEED} ${REPORT_SAMPLES})
set_tests_properties(Extract.tsv_reads_back PROPERTIES FIXTURES_REQUIRED events_tsv)
add_test(NAME Extract.dot COMMAND ${NEWSKG_BIN} extract ${SEED} ${REPORT_SAMPLES} --published 2024-10-22 -f dot -o ${OUT}/graph.dot)
set_tests_properties(Extract.dot PROPERTIES FIXTURES_SETUP graph_dot)
add_test(NAME Extract.dot_lays_out
         COMMAND ${REPORT_CHECK} dot --newskg ${NEWSKG_BIN} --dot-check $<TARGET_FILE:dot_check> --dot ${OUT}/graph.dot
                 --published 2024-10-22 ${SEED} ${REPORT_SAMPLES})
set_tests_properties(Extract.dot_lays_out PROPERTIES FIXTURES_REQUIRED graph_dot)
add_test(NAME Extract.tsv_without_facts_is_the_header COMMAND sh -c "echo 'It rained in Paris.' | \"$0\" extract -f tsv - 2>/dev/null" ${NEWSKG_BIN})
set_tests_properties(Extract.tsv_without_facts_is_the_header PROPERTIES PASS_REGULAR_EXPRESSION "^document\tfact\tkind\t[a-z\t]*\trule\n$")
