# dynpromote-project.cmake - run at the end of every project() call of a
# project configured with dynpromote-toolchain.cmake (CMake's
# CMAKE_PROJECT_INCLUDE): enables dynpromote for every target, through
# the package next to this file.  The projects CMake makes for its own
# checks (try_compile) are left alone: they get the project's flags.

if(NOT PROJECT_NAME STREQUAL "CMAKE_TRY_COMPILE")
  find_package(dynpromote REQUIRED CONFIG
    PATHS "${CMAKE_CURRENT_LIST_DIR}" NO_DEFAULT_PATH)
  dynpromote_enable_all()
endif()
