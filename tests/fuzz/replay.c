/* Replays inputs through a fuzz harness without libFuzzer, so the regression
 * inputs (tests/fuzz/regress/) run in the ASan build with any C compiler.
 * Usage: fuzz-replay-NAME FILE... ; prints PASS/FAIL per file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  size_t cap = 4096, n = 0, got;
  uint8_t *buf = malloc(cap);
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      uint8_t *grown = realloc(buf, cap *= 2);
      if (!grown) free(buf);
      buf = grown;
    }
  }
  fclose(f);
  if (!buf) return 0;
  LLVMFuzzerTestOneInput(buf, n); /* a crash or sanitizer report ends the process */
  free(buf);
  return 1;
}

int main(int argc, char **argv) {
  int failed = 0;
  for (int i = 1; i < argc; i++) {
    int ok = replay(argv[i]);
    printf("%s: replay %s\n", ok ? "PASS" : "FAIL", argv[i]);
    fflush(stdout);
    failed |= !ok;
  }
  return failed;
}
