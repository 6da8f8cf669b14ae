/* Preloaded only for the sanitizer run: PHP opens extensions with RTLD_DEEPBIND, which AddressSanitizer
 * cannot work with, so this dlopen drops that flag and hands over to the next dlopen (ASan's). */
#define _GNU_SOURCE
#include <dlfcn.h>

void *dlopen(const char *file, int mode) {
    static void *(*next)(const char *, int);
    if (!next) next = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
    return next(file, mode & ~RTLD_DEEPBIND);
}
