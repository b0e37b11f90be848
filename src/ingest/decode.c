/* Text in GB 18030 (GBK, GB2312) or UTF-16 to UTF-8 through iconv (glibc). An
 * undecodable byte is reported at its byte offset in the original file. */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "ingest/doc.h"

static int line_of(const char *s, size_t at, int wide) {
  int line = 1;
  for (size_t i = 0; i < at; i++) line += s[i] == '\n' && (!wide || (i + 1 < at && s[i + 1] == 0) || (i && s[i - 1] == 0));
  return line;
}

jb_status jb_decode(jb_ctx *ctx, const char *name, const char *data, size_t n, const char *enc, char **out,
                    size_t *out_len) {
  *out = NULL, *out_len = 0;
  iconv_t cd = iconv_open("UTF-8", enc);
  if (cd == (iconv_t)-1)
    return jb_fail(ctx, JB_ERR_INTERNAL, (jb_loc){name, 0, 0, -1, NULL}, "iconv cannot convert from %s", enc);
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_buf_reserve(&b, n + n / 2 + 16); /* GB 18030 and UTF-16 grow at most 1.5 times in UTF-8 */
  char *in = (char *)data;
  size_t left = n;
  jb_status s = JB_OK;
  while (left) {
    char *w = b.data + b.len;
    size_t room = b.cap - b.len - 1, before = room;
    size_t r = iconv(cd, &in, &left, &w, &room);
    b.len += before - room;
    if (r != (size_t)-1) continue;
    if (errno == E2BIG) {
      jb_buf_reserve(&b, 4096 + left * 2);
      continue;
    }
    size_t at = (size_t)(in - data);
    int wide = !strncmp(enc, "UTF-16", 6);
    if (errno == EINVAL)
      s = jb_fail(ctx, JB_ERR_INPUT, (jb_loc){name, 0, 0, (long)at, NULL},
                  "the text ends inside a %s character (line %d; the file is truncated or not %s)", enc,
                  line_of(data, at, wide), enc);
    else
      s = jb_fail(ctx, JB_ERR_INPUT, (jb_loc){name, 0, 0, (long)at, NULL},
                  "byte 0x%02X cannot be read as %s (line %d); pass --encoding utf-8, gb18030 or utf-16 if the "
                  "file is in another encoding", (unsigned)(unsigned char)data[at], enc, line_of(data, at, wide));
    break;
  }
  iconv_close(cd);
  return jb_buf_take(&b, s, out, out_len);
}
