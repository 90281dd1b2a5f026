# Corpora (docs/corpus-format.md): JSON Lines with bad lines, gzip, folders, the stdin filter,
# the same bytes for every -j, shards whose union is a single run, --out-dir, progress and
# summary. Included from tests/CMakeLists.txt.
set(CORPUS_OUT ${CMAKE_CURRENT_BINARY_DIR}/corpus)
file(MAKE_DIRECTORY ${CORPUS_OUT})
foreach(check jsonl-bad-lines gzip folders stdin-filter jobs-identical shards out-dir summary-and-progress)
  add_test(NAME Corpus.${check}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/corpus_check.py $<TARGET_FILE:newskg>
                   ${PROJECT_SOURCE_DIR}/samples ${CORPUS_OUT} ${check})
  set_tests_properties(Corpus.${check} PROPERTIES TIMEOUT 600)
endforeach()

add_executable(test_corpus test_corpus.cpp)
target_link_libraries(test_corpus PRIVATE newskg_corpus GTest::gtest_main)
gtest_discover_tests(test_corpus DISCOVERY_TIMEOUT 60)
