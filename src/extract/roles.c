/* Place roles: where a fact happens (place) is not who gives (origin) nor where a
 * meeting was held (venue). The aiding side of a report (深圳市, 福建省) becomes the
 * origin of its aid facts; a place keeps the name its source uses when that is a
 * former name (山南地区 beside 山南市). */
#include <stdio.h>
#include <string.h>

#include "extract/internal.h"

/* only meetings: a festival held somewhere (上海周在定日县举办) is where its visitors came */
static const char *const meeting_verbs[] = {"召开", "主持召开", "隆重召开", "顺利召开", NULL};
static const char *const aid_verbs[] = {"对口支援", "对口援助", "对口帮扶", "援助", "帮扶", "援建",
                                        "结对", "支援", "协作", NULL};

/* 在拉萨召开, 在福州举行: a venue. 深圳、珠海…对口支援: a list of aiding places. */
void jb_mark_roles(jb_scan *s, jb_mention *m, size_t nm) {
  for (size_t i = 0; i < nm; i++) {
    if (m[i].dest) {
      for (size_t k = m[i].end; k < s->n && k < m[i].end + 10 && !jb_clause_sep(s->t[k]); k++)
        if (jb_match_any(s->t, s->n, k, meeting_verbs)) {
          m[i].venue = 1;
          break;
        }
    }
    /* a list of two or more places followed by an aid verb: the aiding side */
    size_t b = i;
    while (b + 1 < nm && jb_place_joiners(s, m[b].end, m[b + 1].pos)) b++;
    if (b == i) continue;
    size_t k = m[b].end;
    while (k < s->n && k < m[b].end + 8 && !jb_clause_sep(s->t[k]) &&
           !jb_match_any(s->t, s->n, k, aid_verbs))
      k++;
    if (k < s->n && jb_match_any(s->t, s->n, k, aid_verbs) && !jb_clause_sep(s->t[k]))
      for (size_t j = i; j <= b; j++) m[j].origin = 1;
    i = b;
  }
}

int jb_aid_hits(const uint32_t *t, size_t n) {
  static const char *const words[] = {"援藏", "援疆", "援青", "对口支援", "东西部协作", "协作",
                                      "帮扶", "援建", NULL};
  int hits = 0;
  for (size_t i = 0; i < n && hits < 2; i++)
    if (jb__cp_in(t[i], "援对东协帮") && jb_match_any(t, n, i, words)) hits++;
  return hits;
}

/* The aiding side: the place outside the region named most (origins count
 * double), in a report about aid. */
long jb_doc_aider(jb_ctx *ctx, const jb_gazetteer *g, long region, int aid_doc, const size_t *plain,
                  const size_t *orig) {
  if (region < 0 || !aid_doc) return -1;
  size_t np = g->n;
  size_t *score = jb_calloc(ctx, np + 1, sizeof *score);
  for (size_t p = 0; p < np; p++) {
    const jb_place *pl = &g->places[p];
    if (pl->province == region || pl->aided) continue;
    score[p] = plain[p] + 2 * orig[p];
  }
  long best = -1;
  for (size_t p = 0; p < np; p++)
    if (score[p] && (best < 0 || score[p] > score[best])) best = (long)p;
  /* several cities of one province, none named most: the province */
  if (best >= 0 && g->places[best].level != PL_PROVINCE) {
    long prov = g->places[best].province;
    size_t cities = 0;
    for (size_t p = 0; p < np; p++)
      if (score[p] && g->places[p].province == prov && (long)p != prov) cities++;
    if (prov >= 0 && cities > 1 && score[prov] + cities > score[best]) best = prov;
  }
  jb_free(ctx, score);
  return best;
}

static int aid_sentence(const jb_scan *s, size_t a, size_t b) {
  for (size_t i = a; i < b && i < s->n; i++)
    if (jb_lex_match(&s->g->aid, s->t, s->n, i) >= 0) return 1;
  return 0;
}

/* The start of the clause holding pos (after ，；。 or the line start), at most 60 back. */
static size_t clause_start(const jb_scan *s, size_t pos) {
  size_t k = pos;
  while (k > 0 && pos - k < 60 && !jb_clause_sep(s->t[k - 1])) k--;
  return k;
}

/* What the aided side achieves or receives (受援四县打造4个示范镇, 20个县脱贫摘帽,
 * 销售额1123万元, 招商引资协议资金) comes from no aiding side; 带动脱贫人口10.3万 (脱贫
 * before the number) is the aiding side's work. */
static int outcome_clause(const jb_scan *s, size_t pos) {
  static const char *const before[] = {"受援", "招商引资", "销售", NULL};
  static const char *const after[] = {"受援", "脱贫", "摘帽", "销售", NULL};
  for (size_t k = clause_start(s, pos); k < s->n && k < pos + 30 && (k < pos || !jb_clause_sep(s->t[k])); k++)
    if (jb__cp_in(s->t[k], "受招脱摘销") && jb_match_any(s->t, s->n, k, k < pos ? before : after)) return 1;
  return 0;
}

/* The origin of each quantity: an aiding place named in its clause before it, or
 * the report's aiding side when its sentence speaks of aid. Never its own place. */
void jb_assign_origins(jb_scan *s, const jb_mention *m, size_t nm, char **cache) {
  jb_facts_impl *f = s->f;
  size_t mi = 0, sent = JB_NONE;
  int aid = 0;
  for (size_t i = s->first_fact; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    while (mi < nm && m[mi].pos < x->nstart) mi++;
    if (x->is_label || x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE) continue;
    size_t si = jb_doc_sentence_at(s->d, x->nstart);
    if (si != sent) {
      sent = si;
      jb_span sp = si == JB_NONE ? (jb_span){x->nstart, x->nend} : jb_doc_sentence(s->d, si);
      aid = aid_sentence(s, sp.start, sp.end);
    }
    long o = -1;
    for (size_t k = mi; k-- > 0;) {
      if (m[k].end <= x->nstart && m[k].pos + 40 < x->nstart) break;
      int sep = 0;
      for (size_t q = m[k].end; q < x->nstart && !sep; q++) sep = jb_clause_sep(s->t[q]);
      if (sep) break;
      if (m[k].origin && s->g->places[m[k].place].province != s->region) {
        o = m[k].place;
        break;
      }
    }
    if (o < 0 && aid && s->aider >= 0) o = s->aider;
    if (o >= 0 && outcome_clause(s, x->nstart)) o = -1;
    if (o >= 0 && (!x->place || strcmp(x->place, s->g->places[o].name)))
      x->origin = jb_place_name(s, cache, o);
  }
}

/* place_src: the former name the source uses for a fact's place (山南地区), from
 * the latest mention of that place before the fact, or its first one. */
void jb_written_init(jb_written *w, jb_scan *s, const jb_mention *m, size_t nm) {
  w->s = s, w->m = m, w->nm = nm, w->mi = 0;
  w->last = jb_calloc(s->f->ctx, s->g->n + 1, sizeof *w->last);
  for (size_t p = 0; p <= s->g->n; p++) w->last[p] = -1;
  for (size_t k = nm; k-- > 0;) w->last[m[k].place] = (long)k; /* the first of each */
  w->former = jb_malloc(s->f->ctx, (s->g->n + 1) * sizeof *w->former);
  w->full = jb_calloc(s->f->ctx, s->g->n + 1, 1);
  for (size_t p = 0; p <= s->g->n; p++) w->former[p] = -1;
  for (size_t k = nm; k-- > 0;) { /* which names the report uses for each place */
    int form = m[k].lex >= 0 ? s->g->lex.e[m[k].lex].payload % 4 : -1;
    if (form == 0) w->full[m[k].place] = 1;
    if (form == 1) w->former[m[k].place] = (long)k;
  }
}

char *jb_written_at(jb_written *w, size_t pos, long place) {
  const jb_scan *s = w->s;
  for (; w->mi < w->nm && w->m[w->mi].pos < pos; w->mi++) w->last[w->m[w->mi].place] = (long)w->mi;
  if (place < 0 || w->last[place] < 0) return NULL;
  const jb_mention *x = &w->m[w->last[place]];
  int form = x->lex >= 0 ? s->g->lex.e[x->lex].payload % 4 : 0;
  if (form == 2 && !w->full[place] && w->former[place] >= 0) /* 山南 in a report of 山南地区 */
    x = &w->m[w->former[place]];
  if (x->lex < 0 || s->g->lex.e[x->lex].payload % 4 != 1) return NULL;
  return jb_facts_cps(s->f, s->t, x->pos, x->end);
}

void jb_written_fini(jb_written *w) {
  jb_free(w->s->f->ctx, w->last);
  jb_free(w->s->f->ctx, w->former);
  jb_free(w->s->f->ctx, w->full);
}
