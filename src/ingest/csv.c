/* CSV (RFC 4180: commas, double quotes, CR LF; tab-separated when the first
 * line has tabs and no commas), read as one table whose first row holds the
 * headers. */
#include <string.h>

#include "ingest/doc.h"

static jb_loc at_line(const char *name, int line) { return (jb_loc){name, line, 1, -1, NULL}; }

jb_status jb_read_csv(jb_ctx *ctx, const char *name, const char *s, size_t n, const jb_ingest_opts *o,
                      jb_doc **out) {
  size_t i = 0;
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
  const char *nl = memchr(s + i, '\n', n - i);
  size_t first = nl ? (size_t)(nl - s) : n;
  char sep = memchr(s + i, '\t', first - i) && !memchr(s + i, ',', first - i) ? '\t' : ',';
  jb_builder b;
  jb_bld_init(&b, ctx);
  jb_buf cell;
  jb_buf_init(&cell, ctx);
  jb_bld_table(&b);
  int line = 1, row = 0, in_row = 0;
  jb_status st = JB_OK;
  while (i < n && !st) {
    if (!in_row) jb_bld_row(&b, row == 0), in_row = 1;
    cell.len = 0;
    if (s[i] == '"') { /* quoted: "" is a quote, separators and line breaks are text */
      int start = line;
      for (i++;; i++) {
        if (i >= n) {
          st = jb_fail(ctx, JB_ERR_INPUT, at_line(name, start), "a quoted field is never closed (expected '\"')");
          break;
        }
        if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') jb_buf_addc(&cell, '"'), i++;
        else if (s[i] == '"') break;
        else jb_buf_addc(&cell, s[i]), line += s[i] == '\n';
      }
      if (st) break;
      i++;
    }
    while (i < n && s[i] != sep && s[i] != '\n' && s[i] != '\r') jb_buf_addc(&cell, s[i++]);
    jb_bld_cell(&b, 1, 1, 0, row == 0);
    jb_bld_add(&b, cell.data ? cell.data : "", cell.len);
    jb_bld_cell_end(&b);
    if (i < n && s[i] == sep) {
      i++;
      continue;
    }
    if (i < n && s[i] == '\r') i++;
    if (i < n && s[i] == '\n') i++;
    jb_bld_row_end(&b);
    in_row = 0, row++, line++;
  }
  if (in_row) jb_bld_row_end(&b);
  jb_bld_table_end(&b);
  jb_buf_fini(&cell);
  if (!st) st = jb_bld_finish(&b, name, o, "csv", out);
  jb_bld_fini(&b);
  return st;
}
