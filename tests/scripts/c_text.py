"""C source text for the checks of tests/scripts: comments and literals
blanked out the one way every check needs (library_never_prints.py,
cli_writes_nothing.py)."""
import re


def blank(code, strings=True):
    """@code with comments replaced by spaces and, when @strings, the
    inside of every string and character literal too (the quotes stay);
    newlines are kept, so line numbers stay."""
    out, i, n = [], 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("/*", i):
            j = code.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", code[i:j]))
            i = j
        elif code.startswith("//", i):
            j = code.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and code[j] != c:
                j += 2 if code[j] == "\\" else 1
            inside = code[i + 1:j]
            out.append(c + (re.sub(r"[^\n]", " ", inside) if strings
                            else inside) + code[j:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)
