/* The runcloud extension: module entry, version, globals. */
#ifndef PHP_RUNCLOUD_H
#define PHP_RUNCLOUD_H

extern "C" {
#include "php.h"
}

#define PHP_RUNCLOUD_VERSION "0.1.0"

namespace runcloud { class Pool; }

extern zend_module_entry runcloud_module_entry;
#define phpext_runcloud_ptr &runcloud_module_entry

ZEND_BEGIN_MODULE_GLOBALS(runcloud)
    double timeout;            /* runcloud.timeout: seconds for a whole call, retries included */
    double connect_timeout;    /* runcloud.connect_timeout */
    char *ca_info;             /* runcloud.ca_info: CA file; empty for the system store */
    bool persistent;           /* runcloud.persistent: keep connections across requests */
    zend_long max_response_size;  /* runcloud.max_response_size: the body cap, bytes */
    double ssl_mode_ttl;       /* runcloud.ssl_mode_ttl: seconds a web app's SSL mode, once read, is trusted */
    runcloud::Pool *pool;      /* connections that outlive a request: created in GINIT, freed in GSHUTDOWN */
    bool bailout;              /* a method caught a bailout of PHP code it called: re-raised when it returns */
ZEND_END_MODULE_GLOBALS(runcloud)

ZEND_EXTERN_MODULE_GLOBALS(runcloud)
#define RUNCLOUD_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(runcloud, v)

#if defined(ZTS) && defined(COMPILE_DL_RUNCLOUD)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
