/* api.h - symbol visibility and attribute macros shared by public headers. */
#ifndef POVATLAS_API_H
#define POVATLAS_API_H

#if defined(POVATLAS_BUILDING) && defined(__GNUC__)
#define POVATLAS_API __attribute__((visibility("default")))
#else
#define POVATLAS_API
#endif

#if defined(__GNUC__)
#define POVATLAS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define POVATLAS_PRINTF(fmt, args)
#endif

#endif
