# dynpromote-toolchain.cmake - builds every target of a CMake project with
# dynpromote without editing the project:
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=$libdir/cmake/dynpromote/dynpromote-toolchain.cmake ...
#
# Nothing here chooses a compiler (CC, CXX or CMAKE_C_COMPILER still do);
# it names dynpromote-project.cmake, next to it, as CMAKE_PROJECT_INCLUDE,
# which CMake runs at the end of every project() call, once the compilers
# are known: it finds the dynpromote package of this directory (which
# checks that the compilers are the GCC the plugin was built for, with a
# clear error otherwise) and calls dynpromote_enable_all().  A project
# that already uses a toolchain file can include this one from it.

if(DEFINED CMAKE_PROJECT_INCLUDE
   AND NOT CMAKE_PROJECT_INCLUDE STREQUAL "${CMAKE_CURRENT_LIST_DIR}/dynpromote-project.cmake")
  message(FATAL_ERROR "dynpromote-toolchain.cmake: CMAKE_PROJECT_INCLUDE is already set (${CMAKE_PROJECT_INCLUDE}); include ${CMAKE_CURRENT_LIST_DIR}/dynpromote-project.cmake from that file instead")
endif()
set(CMAKE_PROJECT_INCLUDE "${CMAKE_CURRENT_LIST_DIR}/dynpromote-project.cmake")
