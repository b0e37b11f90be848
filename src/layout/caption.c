/* A caption's label: 表1 / 图2-1 followed by one full-width space (GB/T 9704
 * practice), so that "表1 3月份" is never read as 表13月份. */
#include <string.h>

#include "layout/figure_imp.h"

static size_t number_len(const char *s) {
  size_t n = 0;
  while ((s[n] >= '0' && s[n] <= '9') || ((s[n] == '-' || s[n] == '.') && n && s[n + 1] >= '0' && s[n + 1] <= '9'))
    n++;
  return n;
}

void jb_caption_label(jb_buf *b) {
  static const char *const labels[] = {"表", "图"}, *const ideo_space = "\xE3\x80\x80";
  if (!b->len) return;
  for (size_t k = 0; k < 2; k++) {
    size_t l = strlen(labels[k]);
    if (b->len <= l || strncmp(b->data, labels[k], l)) continue;
    size_t n = number_len(b->data + l), at = l + n, end = at;
    if (!n) return;
    while (b->data[end] == ' ' || !strncmp(b->data + end, ideo_space, 3)) end += b->data[end] == ' ' ? 1 : 3;
    unsigned char c = (unsigned char)b->data[end];
    if (!c || (end == at && c >= '0' && c <= '9')) return; /* a bare label, or digits run on: unknown */
    jb_buf r;
    jb_buf_init(&r, b->ctx);
    jb_buf_add(&r, b->data, at);
    jb_buf_adds(&r, ideo_space);
    jb_buf_adds(&r, b->data + end);
    b->len = 0;
    jb_buf_add(b, r.data, r.len);
    jb_buf_fini(&r);
    return;
  }
}
