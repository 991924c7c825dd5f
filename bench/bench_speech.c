/* bench_speech.c: how well the voices are understood.  Every prompt the
 * real binary says (--simulate of the daily plan and of each level, with and
 * without a pain stop) is made by the voice module at 16 kHz mono, written
 * as a WAV and heard by pocketsphinx (en-us); the word error rate against
 * the caption is printed per prompt class, for each voice and speed. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "bench.h"
#include "input.h"
#include "settings.h"
#include "voice.h"

/* What pocketsphinx's en-us model was trained on: 16 kHz, mono, 16 bit. */
enum { SPEECH_FREQ = 16000, SPEECH_WAV_HEADER = 44 };
enum { WORDS_MAX = 512, WORD_LEN = 32, CONFIGS_MAX = 16, SPEECH_TEXT_MAX = 2048 };

/* Debian's pocketsphinx 0.8+5prealpha: one process decodes a whole list, so
 * the model loads once per voice.  Its default model is pocketsphinx-en-us. */
static const char recogniser[] = "pocketsphinx_batch";
static const char recogniser_dict[] = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

/* The classes of prompts, by what they are for. */
enum {
    CLASS_INTRO, CLASS_COACHING, CLASS_COUNTS, CLASS_HOLD, CLASS_REST, CLASS_GET_READY,
    CLASS_PAIN, CLASS_SUMMARY, CLASS_OTHER, CLASS_ROWS
};
static const char *const class_rows[CLASS_ROWS] = {
    "intro, setup", "coaching", "counts", "hold", "rest",
    "get ready, side", "pain", "summary", "controls, other"};

/* A prompt's class comes from its key; keys matching none are "other". */
static const struct {
    const char *prefix;
    int row;
} class_prefixes[] = {
    {"intro_", CLASS_INTRO},         {"cue_", CLASS_COACHING},  {"rep_", CLASS_COUNTS},
    {"hold_", CLASS_HOLD},           {"rest_", CLASS_REST},     {"get_ready", CLASS_GET_READY},
    {"side_", CLASS_GET_READY},      {"switch_sides", CLASS_GET_READY},
    {"pain_", CLASS_PAIN},           {"summary", CLASS_SUMMARY},
};

typedef struct {
    char *key;
    char *text;
    int row; /* index into class_rows */
} SpeechPrompt;

typedef struct {
    SpeechPrompt *items;
    int count, cap;
} PromptList;

typedef struct {
    int voice, rate;
    double audio_s;                 /* speech made, in seconds */
    long edits[CLASS_ROWS + 1];     /* the last row: all */
    long words[CLASS_ROWS + 1];
    int heard;                      /* prompts the recogniser answered for */
} SpeechResult;

typedef char Words[WORDS_MAX][WORD_LEN];

/* ------------------------------------------------------- the prompts */

static int class_row(const char *key)
{
    for (size_t i = 0; i < sizeof class_prefixes / sizeof class_prefixes[0]; i++)
        if (strncmp(key, class_prefixes[i].prefix, strlen(class_prefixes[i].prefix)) == 0)
            return class_prefixes[i].row;
    return CLASS_OTHER;
}

static int prompts_add(PromptList *l, const char *key, size_t key_len, const char *text,
                       size_t text_len)
{
    for (int i = 0; i < l->count; i++)
        if (strlen(l->items[i].key) == key_len && !strncmp(l->items[i].key, key, key_len) &&
            strlen(l->items[i].text) == text_len && !strncmp(l->items[i].text, text, text_len))
            return 0;
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 256;
        SpeechPrompt *grown = realloc(l->items, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        l->items = grown;
        l->cap = cap;
    }
    SpeechPrompt *p = &l->items[l->count];
    memset(p, 0, sizeof *p);
    p->key = strndup(key, key_len);
    p->text = strndup(text, text_len);
    if (!p->key || !p->text) {
        free(p->key);
        free(p->text);
        return -1;
    }
    p->row = class_row(p->key);
    l->count++;
    return 0;
}

static void prompts_free(PromptList *l)
{
    for (int i = 0; i < l->count; i++) {
        free(l->items[i].key);
        free(l->items[i].text);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The "say" lines of --simulate: "   14.616 say         [key] text". */
static int prompts_from_simulate(PromptList *l, const char *out)
{
    int found = 0;
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        const char *say = strstr(line, " say ");
        if (say && say < line + len) {
            const char *open = memchr(say, '[', len - (size_t)(say - line));
            const char *close = open ? memchr(open, ']', len - (size_t)(open - line)) : NULL;
            if (close && close + 2 <= line + len) {
                const char *text = close + 2;
                if (prompts_add(l, open + 1, (size_t)(close - open - 1), text,
                                (size_t)(line + len - text)) != 0)
                    return -1;
                found++;
            }
        }
        line = end ? end + 1 : NULL;
    }
    return found;
}

static int run_binary(const BenchConfig *c, const char *const *args, char **output)
{
    const char *argv[16];
    int n = 0;
    argv[n++] = c->binary;
    for (int i = 0; args[i] && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    BenchChild child;
    int rc = bench_spawn((char *const *)argv, NULL, true, &child);
    *output = child.output;
    return rc;
}

/* One --simulate run on a save of its own (a run saves its progress, which
 * would change the next daily plan), optionally with a pain stop. */
static int simulate_into(const BenchConfig *c, PromptList *l, const char *scratch, int run,
                         const char *level, const char *replay)
{
    char data_dir[4200];
    snprintf(data_dir, sizeof data_dir, "%s/save_%d", scratch, run);
    const char *args[12] = {0};
    int n = 0;
    args[n++] = "--simulate";
    args[n++] = "--levels";
    args[n++] = c->levels_dir;
    args[n++] = "--data-dir";
    args[n++] = data_dir;
    if (level) { args[n++] = "--level"; args[n++] = level; }
    if (replay) { args[n++] = "--replay"; args[n++] = replay; }
    args[n] = NULL;
    char *out = NULL;
    int rc = run_binary(c, args, &out);
    /* A pain run ends when its replay does, which the binary reports as an
     * error: its prompts count all the same. */
    int found = out ? prompts_from_simulate(l, out) : -1;
    if (found <= 0 || (rc != 0 && !replay)) {
        fprintf(stderr, "corequest-bench: %s --simulate%s%s said nothing usable\n%s", c->binary,
                level ? " --level " : "", level ? level : "", out ? out : "");
        found = -1;
    }
    free(out);
    return found < 0 ? -1 : 0;
}

/* Everything the sessions say, and the controls a pad player hears. */
static int collect_prompts(const BenchConfig *c, const char *scratch, PromptList *l)
{
    char replay[4200];
    snprintf(replay, sizeof replay, "%s/pain.replay", scratch);
    FILE *f = fopen(replay, "w");
    if (!f)
        return -1;
    fputs("20 PAIN\n", f);
    fclose(f);

    int run = 0;
    if (simulate_into(c, l, scratch, run++, NULL, NULL) != 0 ||
        simulate_into(c, l, scratch, run++, NULL, replay) != 0)
        return -1;
    const char *list_args[] = {"--list-levels", "--levels", c->levels_dir, NULL};
    char *levels = NULL;
    if (run_binary(c, list_args, &levels) != 0 || !levels) {
        fprintf(stderr, "corequest-bench: %s --list-levels failed\n", c->binary);
        free(levels);
        return -1;
    }
    int rc = 0;
    /* "   Level 1: Pelvic tilt, 10 times  [pelvic_tilt_1]" */
    for (char *line = levels; line && *line && rc == 0;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *open = strrchr(line, '[');
        size_t len = strlen(line);
        if (strstr(line, "Level ") && open && len > 0 && line[len - 1] == ']') {
            line[len - 1] = '\0';
            rc = simulate_into(c, l, scratch, run++, open + 1, NULL);
            if (rc == 0)
                rc = simulate_into(c, l, scratch, run++, open + 1, replay);
        }
        line = end ? end + 1 : NULL;
    }
    free(levels);
    if (rc != 0)
        return -1;

    /* The shell's own words: the pad controls, on a pad it cannot name. */
    Input none;
    memset(&none, 0, sizeof none);
    char pad[SPEECH_TEXT_MAX];
    input_spoken_pad_controls(&none, pad, sizeof pad);
    return prompts_add(l, "pad_controls", strlen("pad_controls"), pad, strlen(pad));
}

/* ------------------------------------------------------ word matching */

static const char *const ones[] = {"zero", "one", "two", "three", "four", "five", "six",
                                   "seven", "eight", "nine", "ten", "eleven", "twelve",
                                   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                                   "eighteen", "nineteen"};
static const char *const tens[] = {"", "", "twenty", "thirty", "forty",
                                   "fifty", "sixty", "seventy", "eighty", "ninety"};

static int push_word(Words w, int n, const char *word)
{
    if (n < WORDS_MAX && word[0])
        snprintf(w[n++], WORD_LEN, "%s", word);
    return n;
}

/* A number as flite says it: "45" is "forty five", "120" "one hundred twenty". */
static int push_number(Words w, int n, long v)
{
    if (v >= 1000000)
        return push_word(w, n, "many");
    if (v >= 1000) {
        n = push_number(w, n, v / 1000);
        n = push_word(w, n, "thousand");
        return v % 1000 ? push_number(w, n, v % 1000) : n;
    }
    if (v >= 100) {
        n = push_word(w, n, ones[v / 100]);
        n = push_word(w, n, "hundred");
        return v % 100 ? push_number(w, n, v % 100) : n;
    }
    if (v >= 20) {
        n = push_word(w, n, tens[v / 10]);
        return v % 10 ? push_word(w, n, ones[v % 10]) : n;
    }
    return push_word(w, n, ones[v]);
}

/* A caption as words: lower case, no punctuation, digits spelt out.
 * "gamepad" becomes "game pad": what voice.c tells flite to say, and the
 * recogniser's dictionary has the two words but not the compound. */
static int caption_words(const char *text, Words w)
{
    int n = 0;
    const char *p = text;
    while (*p) {
        if (isdigit((unsigned char)*p)) {
            long v = 0;
            while (isdigit((unsigned char)*p) && v < 100000000)
                v = v * 10 + (*p++ - '0');
            n = push_number(w, n, v);
            continue;
        }
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        char word[WORD_LEN];
        size_t len = 0;
        while (isalpha((unsigned char)*p) || (*p == '\'' && isalpha((unsigned char)p[1]))) {
            if (len + 1 < sizeof word)
                word[len++] = (char)tolower((unsigned char)*p);
            p++;
        }
        word[len] = '\0';
        if (!strcmp(word, "gamepad") || !strcmp(word, "gamepads")) {
            n = push_word(w, n, "game");
            n = push_word(w, n, word[7] ? "pads" : "pad");
        } else {
            n = push_word(w, n, word);
        }
    }
    return n;
}

/* A hypothesis as words, without fillers ("<sil>", "[noise]", "++uh++")
 * or alternate-pronunciation marks ("read(2)"). */
static int heard_words(const char *text, Words w)
{
    int n = 0;
    for (const char *p = text; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        size_t len = (size_t)(p - start);
        if (!len || *start == '<' || *start == '[' || *start == '+')
            continue;
        char word[WORD_LEN];
        size_t k = 0;
        for (size_t i = 0; i < len && start[i] != '(' && k + 1 < sizeof word; i++)
            word[k++] = (char)tolower((unsigned char)start[i]);
        word[k] = '\0';
        n = push_word(w, n, word);
    }
    return n;
}

/* Words no ear can tell apart: the recogniser writes the spelling its
 * language model prefers ("for of ten", "why, the top button"), which is
 * no error of the voice.  Each group ends with NULL. */
static const char *const homophones[][4] = {
    {"four", "for", NULL},  {"two", "to", "too", NULL}, {"eight", "ate", NULL},
    {"one", "won", NULL},   {"y", "why", NULL},         {"right", "write", NULL},
    {"p", "pee", "pea", NULL}, {"x", "ex", NULL},
};

static bool same_word(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    for (size_t g = 0; g < sizeof homophones / sizeof homophones[0]; g++) {
        bool has_a = false, has_b = false;
        for (int i = 0; homophones[g][i]; i++) {
            has_a = has_a || !strcmp(homophones[g][i], a);
            has_b = has_b || !strcmp(homophones[g][i], b);
        }
        if (has_a && has_b)
            return true;
    }
    return false;
}

/* Substitutions + deletions + insertions that turn ref into hyp. */
static int word_edits(Words ref, int nr, Words hyp, int nh)
{
    int *prev = malloc((size_t)(nh + 1) * sizeof *prev);
    int *cur = malloc((size_t)(nh + 1) * sizeof *cur);
    if (!prev || !cur) {
        free(prev);
        free(cur);
        return nr > nh ? nr : nh;
    }
    for (int j = 0; j <= nh; j++)
        prev[j] = j;
    for (int i = 1; i <= nr; i++) {
        cur[0] = i;
        for (int j = 1; j <= nh; j++) {
            int sub = prev[j - 1] + !same_word(ref[i - 1], hyp[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        int *t = prev;
        prev = cur;
        cur = t;
    }
    int d = prev[nh];
    free(prev);
    free(cur);
    return d;
}

/* The recogniser's dictionary, one word a line first ("word(2)" for
 * alternates): to count the caption words it can never hear right. */
static char *load_dictionary(void)
{
    FILE *f = fopen(recogniser_dict, "r");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, len = 1;
    char *words = malloc(cap);
    char line[512];
    if (words)
        words[0] = '\n';
    while (words && fgets(line, sizeof line, f)) {
        size_t k = strcspn(line, " \t(\n");
        if (len + k + 2 > cap) {
            char *bigger = realloc(words, cap * 2);
            if (!bigger) {
                free(words);
                words = NULL;
                break;
            }
            words = bigger;
            cap *= 2;
        }
        memcpy(words + len, line, k);
        len += k;
        words[len++] = '\n';
    }
    fclose(f);
    if (words)
        words[len] = '\0';
    return words;
}

static bool in_dictionary(const char *dict, const char *word)
{
    char needle[WORD_LEN + 2];
    snprintf(needle, sizeof needle, "\n%.*s\n", WORD_LEN - 1, word);
    return strstr(dict, needle) != NULL;
}

/* ------------------------------------------------------- the voices */

static void put_le(FILE *f, unsigned long v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        fputc((int)((v >> (8 * i)) & 0xff), f);
}

static int write_wav(const char *path, const Mix_Chunk *chunk)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    unsigned long data = chunk->alen;
    fwrite("RIFF", 1, 4, f);
    put_le(f, 36 + data, 4);
    fwrite("WAVEfmt ", 1, 8, f);
    put_le(f, 16, 4);
    put_le(f, 1, 2); /* PCM */
    put_le(f, 1, 2); /* mono */
    put_le(f, SPEECH_FREQ, 4);
    put_le(f, SPEECH_FREQ * 2, 4);
    put_le(f, 2, 2);
    put_le(f, 16, 2);
    fwrite("data", 1, 4, f);
    put_le(f, data, 4);
    fwrite(chunk->abuf, 1, chunk->alen, f);
    return fclose(f) == 0 ? 0 : -1;
}

static bool find_recogniser(char *path, size_t size)
{
    const char *env = getenv("PATH");
    char dirs[4096];
    snprintf(dirs, sizeof dirs, "%s", env && env[0] ? env : "/usr/bin:/bin");
    for (char *save = NULL, *dir = strtok_r(dirs, ":", &save); dir;
         dir = strtok_r(NULL, ":", &save)) {
        snprintf(path, size, "%s/%s", dir, recogniser);
        if (access(path, X_OK) == 0)
            return true;
    }
    return false;
}

static void config_dir(const char *dir, const SpeechResult *r, char *out, size_t size)
{
    snprintf(out, size, "%s/%s_%d", dir, voice_name(r->voice), r->rate);
}

/* Makes every prompt with one voice and speed, as WAVs and the list of
 * them the recogniser reads. */
static int make_wavs(Voice *v, const PromptList *l, const char *dir, SpeechResult *r)
{
    if (voice_set(v, r->voice, r->rate) != 0) {
        fprintf(stderr, "corequest-bench: voice %s would not load\n", voice_name(r->voice));
        return -1;
    }
    char sub[4300], path[4400];
    config_dir(dir, r, sub, sizeof sub);
    mkdir(sub, 0755);
    snprintf(path, sizeof path, "%s/prompts.ctl", sub);
    FILE *ctl = fopen(path, "w");
    if (!ctl)
        return -1;
    for (int i = 0; i < l->count; i++) {
        Mix_Chunk *chunk = voice_get(v, l->items[i].key, l->items[i].text);
        snprintf(path, sizeof path, "%s/p%03d.wav", sub, i);
        if (!chunk || write_wav(path, chunk) != 0) {
            fprintf(stderr, "corequest-bench: could not make '%s' with %s\n", l->items[i].key,
                    voice_name(r->voice));
            fclose(ctl);
            return -1;
        }
        r->audio_s += (double)chunk->alen / (2.0 * SPEECH_FREQ);
        fprintf(ctl, "p%03d\n", i);
    }
    return fclose(ctl) == 0 ? 0 : -1;
}

/* Starts the recogniser on one config's list; its words go to heard.hyp,
 * its log to pocketsphinx.log.  Returns the child, or -1. */
static pid_t start_recogniser(const char *psx, const char *sub)
{
    char ctl[4400], hyp[4400], log[4400], hdr[16];
    snprintf(ctl, sizeof ctl, "%s/prompts.ctl", sub);
    snprintf(hyp, sizeof hyp, "%s/heard.hyp", sub);
    snprintf(log, sizeof log, "%s/pocketsphinx.log", sub);
    snprintf(hdr, sizeof hdr, "%d", SPEECH_WAV_HEADER);
    const char *argv[] = {psx, "-adcin", "yes", "-adchdr", hdr, "-cepdir", sub,
                          "-cepext", ".wav", "-ctl", ctl, "-hyp", hyp, "-logfn", log, NULL};
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        int quiet = open("/dev/null", O_WRONLY);
        if (quiet >= 0) {
            dup2(quiet, STDOUT_FILENO);
            dup2(quiet, STDERR_FILENO);
        }
        execv(psx, (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* Decoding is the slow part (about a fifth of real time, one core per
 * process): the configs are heard side by side, jobs at a time. */
static int recognise_all(const char *psx, const char *dir, const SpeechResult *r, int n,
                         int jobs)
{
    pid_t pids[CONFIGS_MAX];
    int next = 0, running = 0, failures = 0;
    while (next < n || running > 0) {
        while (running < jobs && next < n) {
            char sub[4300];
            config_dir(dir, &r[next], sub, sizeof sub);
            pids[next] = start_recogniser(psx, sub);
            if (pids[next] < 0)
                failures++;
            else
                running++;
            next++;
        }
        if (running == 0)
            break;
        int status = 0;
        pid_t done = wait(&status);
        if (done < 0 && errno == EINTR)
            continue;
        if (done < 0)
            break;
        for (int k = 0; k < next; k++) {
            if (pids[k] != done)
                continue;
            running--;
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                char sub[4300];
                config_dir(dir, &r[k], sub, sizeof sub);
                fprintf(stderr, "corequest-bench: %s failed on %s (see its pocketsphinx.log)\n",
                        psx, sub);
                failures++;
            }
        }
    }
    return failures ? -1 : 0;
}

/* Scores what the recogniser heard: "words words (p012 -12345)" a line. */
static int score(const PromptList *l, const char *dir, FILE *detail, SpeechResult *r)
{
    char sub[4300], path[4400];
    config_dir(dir, r, sub, sizeof sub);
    snprintf(path, sizeof path, "%s/heard.hyp", sub);
    FILE *hyp = fopen(path, "r");
    if (!hyp)
        return -1;
    static Words ref, heard;
    char line[SPEECH_TEXT_MAX];
    while (fgets(line, sizeof line, hyp)) {
        char *paren = strrchr(line, '(');
        int index = -1;
        if (!paren || sscanf(paren, "(p%d", &index) != 1 || index < 0 || index >= l->count)
            continue;
        *paren = '\0';
        const SpeechPrompt *p = &l->items[index];
        int nr = caption_words(p->text, ref);
        int nh = heard_words(line, heard);
        int edits = word_edits(ref, nr, heard, nh);
        r->edits[p->row] += edits;
        r->words[p->row] += nr;
        r->edits[CLASS_ROWS] += edits;
        r->words[CLASS_ROWS] += nr;
        r->heard++;
        if (detail)
            fprintf(detail, "%s\t%d\t%s\t%s\t%d\t%d\t%s\t%s\n", voice_name(r->voice), r->rate,
                    p->key, class_rows[p->row], edits, nr, p->text, line);
    }
    fclose(hyp);
    if (r->heard != l->count) {
        fprintf(stderr, "corequest-bench: the recogniser answered for %d of %d prompts (%s)\n",
                r->heard, l->count, path);
        return -1;
    }
    return 0;
}

/* "a,b,c" into up to max ints (voice names through voice_find). */
static int parse_list(const char *text, bool voices, int *out, int max)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", text);
    int n = 0;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item && n < max;
         item = strtok_r(NULL, ",", &save)) {
        int v = voices ? voice_find(item) : atoi(item);
        if (voices && !strcmp(item, "all")) {
            for (int i = 0; i < voice_count() && n < max; i++)
                out[n++] = i;
            continue;
        }
        if (voices ? v < 0 : (v < 50 || v > 150)) {
            fprintf(stderr, "corequest-bench: %s '%s' is not known%s\n",
                    voices ? "voice" : "rate", item,
                    voices ? "" : " (percent of normal speed, 50 to 150)");
            return -1;
        }
        out[n++] = v;
    }
    return n;
}

/* Voices x rates from the options; by default every voice at its normal
 * speed, and the default voice at the default speed. */
static int plan_configs(const BenchConfig *c, SpeechResult *configs)
{
    int voices[CONFIGS_MAX], rates[CONFIGS_MAX];
    int nv, nr;
    Settings d = settings_default();
    if (c->voices) {
        nv = parse_list(c->voices, true, voices, CONFIGS_MAX);
    } else {
        nv = voice_count() < CONFIGS_MAX ? voice_count() : CONFIGS_MAX;
        for (int i = 0; i < nv; i++)
            voices[i] = i;
    }
    nr = c->rates ? parse_list(c->rates, false, rates, CONFIGS_MAX) : 1;
    if (!c->rates)
        rates[0] = 100;
    if (nv <= 0 || nr <= 0)
        return -1;
    int n = 0;
    for (int i = 0; i < nv; i++)
        for (int j = 0; j < nr && n < CONFIGS_MAX; j++)
            configs[n++] = (SpeechResult){.voice = voices[i], .rate = rates[j]};
    bool has_default = false;
    for (int i = 0; i < n; i++)
        has_default = has_default || (configs[i].voice == d.voice && configs[i].rate == d.voice_rate);
    if (!c->voices && !c->rates && !has_default && n < CONFIGS_MAX)
        configs[n++] = (SpeechResult){.voice = d.voice, .rate = d.voice_rate};
    return n;
}

static void print_table(const PromptList *l, const SpeechResult *r, int n, int prompt_rows[],
                        long oov[], long words[])
{
    Settings d = settings_default();
    printf("%-16s %7s %6s %6s", "class", "prompts", "words", "oov");
    for (int k = 0; k < n; k++) {
        char head[32];
        snprintf(head, sizeof head, "%s%s", voice_name(r[k].voice),
                 r[k].voice == d.voice && r[k].rate == d.voice_rate ? "*" : "");
        if (r[k].rate != 100)
            snprintf(head + strlen(head), sizeof head - strlen(head), "@%d", r[k].rate);
        printf(" %9s", head);
    }
    printf("\n");
    for (int row = 0; row <= CLASS_ROWS; row++) {
        printf("%-16s %7d %6ld %6ld", row < CLASS_ROWS ? class_rows[row] : "all",
               row < CLASS_ROWS ? prompt_rows[row] : l->count, words[row], oov[row]);
        for (int k = 0; k < n; k++) {
            if (r[k].words[row] > 0)
                printf(" %8.1f%%", 100.0 * (double)r[k].edits[row] / (double)r[k].words[row]);
            else
                printf(" %9s", "-");
        }
        printf("\n");
    }
    printf("%-16s %7s %6s %6s", "speech, minutes", "", "", "");
    for (int k = 0; k < n; k++)
        printf(" %9.1f", r[k].audio_s / 60.0);
    printf("\n");
}

int bench_part_speech(const BenchConfig *c)
{
    char psx[4096];
    if (!find_recogniser(psx, sizeof psx)) {
        printf("%s: skipped: pocketsphinx not installed (apt-get install pocketsphinx "
               "pocketsphinx-en-us)\n", BENCH_LABEL_SPEECH_WER);
        return 0;
    }
    SpeechResult configs[CONFIGS_MAX];
    int n = plan_configs(c, configs);
    if (n <= 0)
        return 1;
    char scratch[4096];
    if (bench_scratch_make(scratch, sizeof scratch) != 0) {
        fprintf(stderr, "corequest-bench: cannot make a scratch folder\n");
        return 1;
    }
    const char *wav_dir = c->wav_dir ? c->wav_dir : scratch;
    if (c->wav_dir)
        mkdir(c->wav_dir, 0755);

    PromptList prompts = {0};
    int rc = collect_prompts(c, scratch, &prompts) == 0 ? 0 : 1;

    /* The caption words per class, and those the recogniser cannot know. */
    int prompt_rows[CLASS_ROWS] = {0};
    long words[CLASS_ROWS + 1] = {0}, oov[CLASS_ROWS + 1] = {0};
    char *dict = rc == 0 ? load_dictionary() : NULL;
    static Words ref;
    char oov_list[512] = ""; /* "word, word" */
    for (int i = 0; rc == 0 && i < prompts.count; i++) {
        SpeechPrompt *p = &prompts.items[i];
        int nr = caption_words(p->text, ref);
        prompt_rows[p->row]++;
        words[p->row] += nr;
        words[CLASS_ROWS] += nr;
        for (int w = 0; dict && w < nr; w++) {
            if (in_dictionary(dict, ref[w]))
                continue;
            oov[p->row]++;
            oov[CLASS_ROWS]++;
            char listed[sizeof oov_list + 4], needle[WORD_LEN + 4];
            snprintf(listed, sizeof listed, ", %s,", oov_list);
            snprintf(needle, sizeof needle, ", %.*s,", WORD_LEN - 1, ref[w]);
            size_t len = strlen(oov_list);
            if (!strstr(listed, needle) && len + strlen(ref[w]) + 3 < sizeof oov_list)
                snprintf(oov_list + len, sizeof oov_list - len, "%s%s", len ? ", " : "", ref[w]);
        }
    }
    free(dict);

    FILE *detail = NULL;
    if (rc == 0 && c->wav_dir) {
        char path[4200];
        snprintf(path, sizeof path, "%s/heard.tsv", c->wav_dir);
        detail = fopen(path, "w");
        if (detail)
            fprintf(detail, "voice\trate\tkey\tclass\terrors\twords\tcaption\theard\n");
    }

    /* The voice module itself makes the prompts, as the app does (the
     * lexicon additions, the speed), in the recogniser's format. */
    double t0 = bench_now();
    if (rc == 0) {
        char message[256];
        Voice *v = NULL;
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0 ||
            Mix_OpenAudioDevice(SPEECH_FREQ, AUDIO_S16SYS, 1, 1024, NULL, 0) != 0) {
            fprintf(stderr, "corequest-bench: no mixer (%s)\n", SDL_GetError());
            rc = 1;
        } else if (!(v = voice_open(NULL, configs[0].voice, configs[0].rate, message,
                                    sizeof message))) {
            fprintf(stderr, "corequest-bench: %s\n", message);
            rc = 1;
        }
        for (int k = 0; rc == 0 && k < n; k++)
            rc = make_wavs(v, &prompts, wav_dir, &configs[k]) == 0 ? 0 : 1;
        /* Before any fork: no voice thread, no audio thread. */
        voice_close(v);
        Mix_CloseAudio();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cores < 1 ? 1 : cores > 4 ? 4 : (int)cores;
    if (rc == 0)
        rc = recognise_all(psx, wav_dir, configs, n, jobs) == 0 ? 0 : 1;
    for (int k = 0; rc == 0 && k < n; k++)
        rc = score(&prompts, wav_dir, detail, &configs[k]) == 0 ? 0 : 1;
    if (rc == 0) {
        printf("%s: by prompt class, %d prompts the daily session and every level say "
               "(%s en-us, 16 kHz; %.0f s, %d at a time; * the default; oov: caption words not in the "
               "recogniser's dictionary, an error floor for every voice%s%s)\n",
               BENCH_LABEL_SPEECH_WER, prompts.count, recogniser, bench_now() - t0, jobs,
               oov_list[0] ? ": " : "", oov_list);
        print_table(&prompts, configs, n, prompt_rows, oov, words);
        if (c->wav_dir)
            printf("WAVs, recognitions and %s/heard.tsv kept in %s\n", c->wav_dir, c->wav_dir);
    }
    if (detail)
        fclose(detail);
    SDL_Quit();
    prompts_free(&prompts);
    bench_scratch_remove(scratch);
    return rc;
}
