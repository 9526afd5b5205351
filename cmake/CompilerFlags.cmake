option(POOLPROOF_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

# Strict Qt string handling: every conversion between bytes and text is spelled out.
add_compile_definitions(
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060500)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(POOLPROOF_WARNINGS_AS_ERRORS)
        add_compile_options(-Werror)
    endif()
    if(POOLPROOF_SANITIZE OR POOLPROOF_FUZZ)
        add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        add_link_options(-fsanitize=address,undefined)
    endif()
endif()

# libFuzzer targets (tests/fuzz): everything is instrumented for coverage, with ASan and UBSan;
# only the fuzz targets themselves link libFuzzer's main. The asan preset turns this on, so one
# sanitizer build serves both the test suite and scripts/fuzz.
if(POOLPROOF_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "POOLPROOF_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
