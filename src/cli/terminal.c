/*
 * terminal.c - what the CLI prints reaches the terminal without control
 * characters: a ward name, a household id or a file name holding an
 * escape sequence ("\e[2J", an OSC title, a C1 CSI) could clear the
 * screen, recolour it or rewrite the window title. stdout and stderr are
 * replaced by streams that drop every C0 character but tab, line feed and
 * carriage return (the progress line redraws itself with it), DEL, the C1
 * characters (U+0080 to U+009F, as UTF-8), and whole escape sequences
 * (CSI up to its final byte, OSC/DCS/SOS/PM/APC strings up to their
 * terminator). The CLI writes text only, never binary, to both.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

typedef enum scan_state {
    PLAIN,
    ESC_SEEN,  /* after ESC */
    C2_SEEN,   /* after 0xC2, the lead byte of U+0080..U+00BF */
    CSI,       /* control sequence: parameters up to a final byte */
    STRING,    /* OSC, DCS ...: up to BEL or ST */
    STRING_ESC /* ESC inside a string: '\\' ends it (ST) */
} scan_state;

typedef struct filter {
    int fd;
    scan_state state;
} filter;

static gboolean write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return FALSE;
        buf += w;
        n -= (size_t)w;
    }
    return TRUE;
}

/* C1 control @b (after 0xC2): the state it starts. */
static scan_state after_c1(unsigned char b)
{
    if (b == 0x9B)
        return CSI;
    if (b == 0x90 || b == 0x98 || b == 0x9D || b == 0x9E || b == 0x9F)
        return STRING;
    return PLAIN;
}

/* Feeds @b; appends what is kept to @out. */
static void feed(filter *f, unsigned char b, GString *out)
{
    switch (f->state) {
    case ESC_SEEN:
        f->state = b == '[' ? CSI
                   : (b == ']' || b == 'P' || b == 'X' || b == '^' || b == '_')
                       ? STRING
                       : PLAIN;
        return;
    case CSI:
        if (b >= 0x20 && b <= 0x3F)
            return; /* parameters and intermediates */
        f->state = PLAIN;
        if (b >= 0x40 && b <= 0x7E)
            return; /* the final byte */
        break;      /* a broken sequence: the byte is text again */
    case STRING:
        if (b == 0x1B)
            f->state = STRING_ESC;
        else if (b == 0x07 || b == '\n')
            f->state = PLAIN; /* BEL ends it; a line end stops a runaway */
        if (b == '\n')
            g_string_append_c(out, '\n');
        return;
    case STRING_ESC:
        f->state = b == '\\' ? PLAIN : STRING;
        return;
    case C2_SEEN:
        f->state = PLAIN;
        if (b >= 0x80 && b <= 0x9F) {
            f->state = after_c1(b);
            return;
        }
        g_string_append_c(out, (char)0xC2);
        break;
    case PLAIN:
        break;
    }
    if (b == 0x1B)
        f->state = ESC_SEEN;
    else if (b == 0xC2)
        f->state = C2_SEEN;
    else if ((b >= 0x20 && b != 0x7F) || b == '\t' || b == '\n' || b == '\r')
        g_string_append_c(out, (char)b);
}

static ssize_t filter_write(void *cookie, const char *buf, size_t size)
{
    filter *f = cookie;
    GString *out = g_string_sized_new(size);
    for (size_t i = 0; i < size; i++)
        feed(f, (unsigned char)buf[i], out);
    gboolean ok = write_all(f->fd, out->str, out->len);
    g_string_free(out, TRUE);
    return ok ? (ssize_t)size : -1;
}

static FILE *filtered(int fd, int mode)
{
    static filter filters[2];
    filter *f = &filters[fd == STDERR_FILENO];
    *f = (filter){fd, PLAIN};
    cookie_io_functions_t io = {.write = filter_write};
    FILE *fp = fopencookie(f, "w", io);
    if (fp)
        setvbuf(fp, NULL, mode, BUFSIZ);
    return fp;
}

void cli_terminal_filter(void)
{
    fflush(stdout);
    fflush(stderr);
    FILE *out =
        filtered(STDOUT_FILENO, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
    FILE *err = filtered(STDERR_FILENO, _IONBF);
    if (out)
        stdout = out;
    if (err)
        stderr = err;
}
