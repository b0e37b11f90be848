#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jbtest.h"
#include "jianbao/core.h"

TEST(core_utf8_rejects_overlong_and_surrogates) {
  uint32_t cp;
  CHECK_INT(jb_utf8_decode("\xC0\x80", 2, &cp), 0);
  CHECK_INT(jb_utf8_decode("\xED\xA0\x80", 3, &cp), 0);
  CHECK_INT(jb_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
  CHECK_INT(jb_utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp), 4);
  CHECK_INT(cp, 0x20BB7);
}

TEST(core_utf8_valid_reports_first_bad_offset) {
  size_t bad = 99;
  CHECK(jb_utf8_valid("abc", 3, &bad));
  CHECK(!jb_utf8_valid("\xE4\xB8\xADx\xFFy", 6, &bad));
  CHECK_INT(bad, 4);
  CHECK(!jb_utf8_valid("ab\xE4\xB8", 4, &bad)); /* truncated at the end */
  CHECK_INT(bad, 2);
}

TEST(core_buf_numbers_are_locale_free_and_compact) {
  jb_ctx *ctx = jb_ctx_new();
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_buf_add_num(&b, 12.5, 3);
  jb_buf_addc(&b, ' ');
  jb_buf_add_num(&b, -0.0004, 3);
  jb_buf_addc(&b, ' ');
  jb_buf_add_num(&b, 841.8898, 2);
  jb_buf_addc(&b, ' ');
  jb_buf_add_int(&b, -120);
  CHECK_STR(b.data, "12.5 0 841.89 -120");
  jb_buf_fini(&b);
  jb_ctx_free(ctx);
}

TEST(core_fail_formats_location) {
  jb_ctx *ctx = jb_ctx_new();
  jb_status st = jb_fail(ctx, JB_ERR_INPUT, (jb_loc){"a.json", 3, 7, -1, NULL}, "expected %s", "','");
  CHECK_INT(st, JB_ERR_INPUT);
  CHECK_STR(jb_ctx_error(ctx), "a.json:3:7: error: expected ','");
  jb_fail(ctx, JB_ERR_INPUT, (jb_loc){"b.json", 0, 0, -1, "blocks[3].rows[2]"}, "expected 4 cells");
  CHECK_STR(jb_ctx_error(ctx), "b.json: blocks[3].rows[2]: error: expected 4 cells");
  jb_warn(ctx, JB_LOC_NONE, "w%d", 1);
  CHECK_INT(jb_ctx_warning_count(ctx), 1);
  CHECK_STR(jb_ctx_warning(ctx, 0), "warning: w1");
  jb_ctx_free(ctx);
}

TEST(core_atomic_write_keeps_old_file_on_failure) {
  jb_ctx *ctx = jb_ctx_new();
  CHECK_INT(jb_write_file_atomic(ctx, "/nonexistent-dir/x.pdf", "x", 1), JB_ERR_IO);
  CHECK(strstr(jb_ctx_error(ctx), "/nonexistent-dir/x.pdf") != NULL);
  char path[] = "/tmp/jbtestXXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  CHECK_INT(jb_write_file_atomic(ctx, path, "hello", 5), JB_OK);
  char *data;
  size_t len;
  CHECK_INT(jb_read_file(ctx, path, &data, &len), JB_OK);
  CHECK_INT(len, 5);
  CHECK_STR(data, "hello");
  free(data);
  remove(path);
  jb_ctx_free(ctx);
}

/* A long file name once filled a 2048-byte buffer and cut the reason off. */
TEST(core_error_keeps_reason_after_long_file_name) {
  jb_ctx *ctx = jb_ctx_new();
  char *name = malloc(5001);
  memset(name, 'n', 5000);
  name[5000] = 0;
  jb_fail(ctx, JB_ERR_IO, (jb_loc){name, 0, 0, -1, NULL}, "cannot open: %s", "File name too long");
  const char *e = jb_ctx_error(ctx);
  CHECK(strlen(e) > 5000);
  CHECK(strstr(e, "error: cannot open: File name too long") != NULL);
  jb_fail(ctx, JB_ERR_IO, (jb_loc){"f", 0, 0, -1, NULL}, "%s", jb_ctx_error(ctx)); /* re-wrapping its own error */
  CHECK(strstr(jb_ctx_error(ctx), "f: error: nnnn") != NULL);
  jb_ctx_clear_error(ctx);
  CHECK_INT(strlen(jb_ctx_error(ctx)), 0);
  free(name);
  jb_ctx_free(ctx);
}
