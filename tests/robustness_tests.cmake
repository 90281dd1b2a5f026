# Robustness (docs/robustness.md): bad inputs, valid output for hostile inputs, atomic output
# under signals, determinism. Included from tests/CMakeLists.txt.
find_program(SERDI serdi REQUIRED)
find_program(RAPPER rapper REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(ROBUSTNESS_OUT ${CMAKE_CURRENT_BINARY_DIR}/robustness)
file(MAKE_DIRECTORY ${ROBUSTNESS_OUT})

# A reader of all four syntaxes into a Sord model (sordi reads only Turtle and N-Triples).
add_executable(sord_load sord_load.cpp)
target_link_libraries(sord_load PRIVATE PkgConfig::SERD PkgConfig::SORD)

# Bad inputs: one test per line of bad-input/manifest.tsv (file, exit code, message).
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/bad-input/manifest.tsv bad_input_lines REGEX "^[^#]")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/bad-input/manifest.tsv)
foreach(line IN LISTS bad_input_lines)
  string(REGEX MATCH "^[^\t]+" case "${line}")
  add_test(NAME BadInput.${case}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/bad_input.py $<TARGET_FILE:newskg> ${SERDI} ${ROBUSTNESS_OUT}/bad-input ${case})
  set_tests_properties(BadInput.${case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
endforeach()

# Hostile titles, URLs, ids, bases and texts: every format parses in serdi, rapper and Sord,
# the formats agree, and a second run gives the same bytes. Two seeds, to use two cores.
foreach(seed 1 1001)
  add_test(NAME Property.hostile_inputs_give_valid_rdf_${seed}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/property_output.py $<TARGET_FILE:newskg> ${SERDI} ${RAPPER}
                   $<TARGET_FILE:sord_load> ${ROBUSTNESS_OUT}/property --seed ${seed} --cases 20)
  set_tests_properties(Property.hostile_inputs_give_valid_rdf_${seed} PROPERTIES TIMEOUT 900)
endforeach()

# SIGINT, SIGTERM and SIGHUP mid-run leave an earlier -o file untouched and no temporary file.
add_test(NAME Robustness.signals_leave_no_partial_output
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/interrupt_test.py $<TARGET_FILE:newskg>
                 ${PROJECT_SOURCE_DIR}/samples/article-korea-ukraine.txt ${ROBUSTNESS_OUT})

# Determinism over every sample in every format: two runs, the same bytes.
foreach(fmt turtle ntriples nquads trig)
  add_test(NAME Robustness.deterministic_${fmt}
           COMMAND sh -c "\"$0\" extract -f $1 \"$2\"/*.txt > \"$3/a.$1\" && \"$0\" extract -f $1 \"$2\"/*.txt > \"$3/b.$1\" && cmp \"$3/a.$1\" \"$3/b.$1\""
                   $<TARGET_FILE:newskg> ${fmt} ${PROJECT_SOURCE_DIR}/samples ${ROBUSTNESS_OUT})
endforeach()
