#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "jianbao/render.h"

int jb_cli_report(jb_ctx *ctx) {
  const char *e = jb_ctx_error(ctx);
  fprintf(stderr, "jianbao: %s\n", *e ? e : "error: failed");
  return 1;
}

static void warn_stderr(void *user, const char *msg) {
  (void)user;
  fprintf(stderr, "jianbao: %s\n", msg);
}

void jb_cli_warn_to_stderr(jb_ctx *ctx, int quiet) {
  if (!quiet) jb_ctx_set_warn_handler(ctx, warn_stderr, NULL);
}

const char *jb_cli_opt(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  const char *a = argv[*i];
  if (strncmp(a, name, n) != 0) return NULL;
  if (a[n] == '=') return a + n + 1;
  if (a[n] == 0 && *i + 1 < argc) return argv[++*i];
  return NULL;
}

jb_status jb_cli_write_pdf(jb_ctx *ctx, const jb_dl *dl, const char *path) {
  return jb_cli_write_pdf_at(ctx, dl, -1, NULL, path, 1);
}

jb_status jb_cli_write_pdf_at(jb_ctx *ctx, const jb_dl *dl, int dirfd, const char *name, const char *path,
                              int sync_dir) {
  jb_buf pdf;
  jb_buf_init(&pdf, ctx);
  jb_pdf_opts o = JB_PDF_DEFAULTS;
  /* Test hook (tests/integration/bad_inputs.py): the n-th libharu call fails,
   * as HPDF_AddPage did for a 200 MB report, without a 200 MB file. */
  const char *hook = getenv("JB_TEST_LIBHARU_FAIL_AT");
  long k;
  if (hook && jb_cli_whole(hook, 1, 1000000000, &k)) o.fail_at = (unsigned long)k;
  jb_status st = jb_render_pdf(ctx, dl, &o, &pdf);
  if (!st && dirfd >= 0) st = jb_write_file_at(ctx, dirfd, name, path, pdf.data, pdf.len, sync_dir);
  else if (!st) st = jb_write_file_atomic(ctx, path, pdf.data, pdf.len);
  jb_buf_fini(&pdf);
  return st;
}

int jb_cli_run(jb_status (*run)(jb_ctx *ctx, const void *args), const void *args, int quiet) {
  jb_ctx *ctx = jb_ctx_new();
  jb_cli_warn_to_stderr(ctx, quiet);
  int rc = run(ctx, args) ? jb_cli_report(ctx) : 0;
  jb_ctx_free(ctx);
  return rc;
}

jb_status jb_cli_source_date(jb_ctx *ctx, long long *date) {
  const char *v = getenv("SOURCE_DATE_EPOCH");
  *date = -1;
  if (!v || !*v) return JB_OK;
  char *end;
  errno = 0;
  long long t = strtoll(v, &end, 10);
  if (*v < '0' || *v > '9' || *end || errno || t > 253402300799LL) /* PDF dates have four-digit years */
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){"SOURCE_DATE_EPOCH", 0, 0, -1, NULL},
                   "expected seconds since 1970 from 0 to 253402300799, got '%s'", v);
  *date = t;
  return JB_OK;
}

int jb_cli_number(const char *s, double *out) {
  char *end;
  if (!s || !*s) return 0;
  double v = strtod(s, &end); /* options are ASCII and the C locale is never changed */
  if (*end || !isfinite(v)) return 0; /* nan, inf and 1e999 are no sizes */
  *out = v;
  return 1;
}

int jb_cli_whole(const char *s, long lo, long hi, long *out) {
  double v;
  if (!jb_cli_number(s, &v) || v != floor(v) || v < (double)lo || v > (double)hi) return 0;
  *out = (long)v; /* in range, so the conversion is defined */
  return 1;
}

int jb_cli_ingest_opt(int argc, char **argv, int *i, jb_ingest_opts *o, const char *cmd) {
  const char *v;
  if ((v = jb_cli_opt(argc, argv, i, "--from"))) {
    int f = jb_format_parse(v);
    if (f < 0) return fprintf(stderr, "jianbao %s: --from expects docx, html, text, xlsx or csv, got '%s'\n", cmd, v), 2;
    o->from = (jb_format)f;
    return 1;
  }
  if ((v = jb_cli_opt(argc, argv, i, "--encoding"))) {
    int e = jb_encoding_parse(v);
    if (e < 0) return fprintf(stderr, "jianbao %s: --encoding expects utf-8, gb18030 or utf-16, got '%s'\n", cmd, v), 2;
    o->encoding = (jb_encoding)e;
    return 1;
  }
  if (strcmp(cmd, "typeset") && (v = jb_cli_opt(argc, argv, i, "--doc-date"))) {
    if (!jb_doc_date_valid(v))
      return fprintf(stderr, "jianbao %s: --doc-date expects YYYY, YYYY-MM or YYYY-MM-DD (a real date), got '%s'\n",
                     cmd, v), 2;
    memcpy(o->doc_date, v, strlen(v) + 1);
    return 1;
  }
  return 0;
}

jb_format jb_cli_data_format(const char *path) {
  size_t n = strlen(path); /* a workbook named otherwise is still told by its ZIP signature (load.c) */
  return n > 5 && !strcasecmp(path + n - 5, ".xlsx") ? JB_FMT_XLSX : JB_FMT_CSV;
}
