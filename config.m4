dnl The runcloud extension: C++17, libcurl and simdjson found with pkg-config, libidn2 for IDN names.
dnl Minimum versions are those of the library calls the sources make:
dnl   libcurl 7.66.0: curl_multi_poll (newer options are used when present: CURLOPT_PREREQFUNCTION from
dnl                   7.80.0, CURLOPT_PROTOCOLS_STR from 7.85.0, CURLOPT_PROTOCOLS before it);
dnl   simdjson 3.0.0 up to 4.x: the On-Demand API as 3.0 has it; 4.x is built and tested, 5 is not known yet;
dnl   libidn2 2.0.0: idn2_to_ascii_8z with IDN2_NONTRANSITIONAL (UTS #46).

PHP_ARG_ENABLE([runcloud],
  [whether to enable the RunCloud API client],
  [AS_HELP_STRING([--enable-runcloud], [Enable the RunCloud API client (RunCloud\Client)])],
  [no])

if test "$PHP_RUNCLOUD" != "no"; then
  PHP_REQUIRE_CXX()
  PHP_CXX_COMPILE_STDCXX([17], [mandatory], [PHP_RUNCLOUD_STDCXX])

  PKG_CHECK_MODULES([CURL], [libcurl >= 7.66.0], [],
    [AC_MSG_ERROR([runcloud needs libcurl 7.66.0 or later and its development files (Debian, Ubuntu: libcurl4-openssl-dev): $CURL_PKG_ERRORS])])
  PHP_EVAL_INCLINE([$CURL_CFLAGS])
  PHP_EVAL_LIBLINE([$CURL_LIBS], [RUNCLOUD_SHARED_LIBADD])

  PKG_CHECK_MODULES([SIMDJSON], [simdjson >= 3.0.0 simdjson < 5.0.0], [],
    [AC_MSG_ERROR([runcloud needs simdjson 3.0.0 up to 4.x and its development files (Debian, Ubuntu: libsimdjson-dev): $SIMDJSON_PKG_ERRORS])])
  PHP_EVAL_INCLINE([$SIMDJSON_CFLAGS])
  PHP_EVAL_LIBLINE([$SIMDJSON_LIBS], [RUNCLOUD_SHARED_LIBADD])

  PKG_CHECK_MODULES([IDN2], [libidn2 >= 2.0.0], [],
    [AC_MSG_ERROR([runcloud needs libidn2 2.0.0 or later and its development files (Debian, Ubuntu: libidn2-dev): $IDN2_PKG_ERRORS])])
  PHP_EVAL_INCLINE([$IDN2_CFLAGS])
  PHP_EVAL_LIBLINE([$IDN2_LIBS], [RUNCLOUD_SHARED_LIBADD])

  PHP_SUBST([RUNCLOUD_SHARED_LIBADD])
  RUNCLOUD_CXXFLAGS="$PHP_RUNCLOUD_STDCXX -fvisibility=hidden -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  dnl Sources by layer: the module glue; the Zend layer (src/zend: the classes, their arguments, errors and
  dnl credentials, everything that includes PHP's headers); the Zend-free engine (src/engine: the RunCloud
  dnl API, JSON, names, redaction) and its transport (src/engine/transport: libcurl sessions, pacing).
  RUNCLOUD_ZEND_SOURCES="src/zend/arguments.cpp src/zend/client.cpp src/zend/client_object.cpp src/zend/client_ssl.cpp src/zend/constants.cpp src/zend/credentials.cpp src/zend/errors.cpp src/zend/objects.cpp"
  RUNCLOUD_ENGINE_SOURCES="src/engine/api.cpp src/engine/api_ssl.cpp src/engine/json.cpp src/engine/names.cpp src/engine/redact.cpp"
  RUNCLOUD_TRANSPORT_SOURCES="src/engine/transport/http.cpp src/engine/transport/pacing.cpp"
  PHP_NEW_EXTENSION([runcloud],
    [runcloud.cpp $RUNCLOUD_ZEND_SOURCES $RUNCLOUD_ENGINE_SOURCES $RUNCLOUD_TRANSPORT_SOURCES],
    [$ext_shared], , [$RUNCLOUD_CXXFLAGS], [cxx])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/zend $ext_builddir/src/engine $ext_builddir/src/engine/transport])
fi
