/* A tiny unit-test harness: TEST(name) registers itself; CHECK* records a
 * failure and returns from the test. The runner prints "N passed, N failed". */
#ifndef JBTEST_H
#define JBTEST_H

#include <math.h>
#include <string.h>

typedef void (*jbt_fn)(void);
void jbt_register(const char *name, jbt_fn fn);
void jbt_fail(const char *file, int line, const char *fmt, ...);
extern const char *jbt_data_dir; /* tests/data */

#define TEST(name)                                                              \
  static void name(void);                                                       \
  __attribute__((constructor)) static void jbt_reg_##name(void) {               \
    jbt_register(#name, name);                                                  \
  }                                                                             \
  static void name(void)

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (!(cond)) {                                                              \
      jbt_fail(__FILE__, __LINE__, "%s", #cond);                                \
      return;                                                                   \
    }                                                                           \
  } while (0)

#define CHECK_INT(a, b)                                                         \
  do {                                                                          \
    long long jbt_a = (long long)(a), jbt_b = (long long)(b);                   \
    if (jbt_a != jbt_b) {                                                       \
      jbt_fail(__FILE__, __LINE__, "%s == %s (%lld != %lld)", #a, #b, jbt_a,    \
               jbt_b);                                                          \
      return;                                                                   \
    }                                                                           \
  } while (0)

#define CHECK_STR(a, b)                                                         \
  do {                                                                          \
    const char *jbt_a = (a), *jbt_b = (b);                                      \
    if (!jbt_a || !jbt_b || strcmp(jbt_a, jbt_b) != 0) {                        \
      jbt_fail(__FILE__, __LINE__, "%s == %s (\"%s\" != \"%s\")", #a, #b,       \
               jbt_a ? jbt_a : "(null)", jbt_b ? jbt_b : "(null)");             \
      return;                                                                   \
    }                                                                           \
  } while (0)

#define CHECK_NEAR(a, b, tol)                                                   \
  do {                                                                          \
    double jbt_a = (a), jbt_b = (b);                                            \
    if (!(fabs(jbt_a - jbt_b) <= (tol))) {                                      \
      jbt_fail(__FILE__, __LINE__, "%s ~ %s (%g vs %g, tol %g)", #a, #b, jbt_a, \
               jbt_b, (double)(tol));                                           \
      return;                                                                   \
    }                                                                           \
  } while (0)

#endif
