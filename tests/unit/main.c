/* Runs every registered unit test (or those whose name contains argv[1]). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "jbtest.h"

typedef struct {
  const char *name;
  jbt_fn fn;
} test_entry;

static test_entry tests[1024];
static int n_tests, failed_now;
const char *jbt_data_dir = "tests/data";

void jbt_register(const char *name, jbt_fn fn) {
  if (n_tests < (int)(sizeof tests / sizeof tests[0])) tests[n_tests++] = (test_entry){name, fn};
}

void jbt_fail(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("  %s:%d: ", file, line);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  failed_now = 1;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const test_entry *)a)->name, ((const test_entry *)b)->name);
}

int main(int argc, char **argv) {
  const char *filter = argc > 1 ? argv[1] : NULL;
  const char *dd = getenv("JB_TEST_DATA");
  if (dd) jbt_data_dir = dd;
  qsort(tests, (size_t)n_tests, sizeof tests[0], by_name);
  int passed = 0, failed = 0;
  for (int i = 0; i < n_tests; i++) {
    if (filter && !strstr(tests[i].name, filter)) continue;
    failed_now = 0;
    tests[i].fn();
    printf("%s: unit/%s\n", failed_now ? "FAIL" : "PASS", tests[i].name);
    fflush(stdout);
    if (failed_now) failed++;
    else passed++;
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
