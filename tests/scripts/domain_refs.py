#!/usr/bin/env python3
"""Fails (exit 1, one line per offence) when a comment of the code cites
the domain rules anywhere but the repository's own page:

- "domain.md" must be "docs/domain-rules.md" (the specification under
  ../shared is not part of the repository);
- every section a citation names ("docs/domain-rules.md §2.3", and the
  further "§N" of the same sentence) must be a heading of
  docs/domain-rules.md ("## 2." or "### 2.3").

Usage: domain_refs.py SOURCE_DIR"""
import os
import re
import sys

PAGE = "docs/domain-rules.md"
FOLDERS = ("src", "include", "tests", "tools", "bench")
ENDINGS = (".c", ".h", ".py", ".sh", ".txt")
CITE = re.compile(r"docs/domain-rules\.md[^§\n]{0,3}((?:§\s?[0-9][0-9.]*"
                  r"[^§\n]{0,12}){1,4})")


def sections(root):
    with open(os.path.join(root, PAGE), encoding="utf-8") as f:
        heads = re.findall(r"^#{2,3} ([0-9][0-9.]*)", f.read(), re.M)
    return {h.rstrip(".") for h in heads}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.rsplit("Usage: ", 1)[1])
    root = sys.argv[1]
    known = sections(root)
    problems = []
    for folder in FOLDERS:
        for base, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(names):
                if not name.endswith(ENDINGS):
                    continue
                path = os.path.join(base, name)
                rel = os.path.relpath(path, root)
                if rel == os.path.join("tests", "scripts", "domain_refs.py"):
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                # join wrapped comment lines so a citation may span two
                flat = re.sub(r"\n\s*(?:\*|#|//)?\s*", " ", text)
                for no, line in enumerate(text.splitlines(), 1):
                    if re.search(r"(?<![-\w])domain\.md", line):
                        problems.append(f"{rel}:{no}: cites domain.md, "
                                        f"not {PAGE}")
                for m in CITE.finditer(flat):
                    for sec in re.findall(r"§\s?([0-9][0-9.]*[0-9])|§\s?([0-9])",
                                          m.group(1)):
                        s = (sec[0] or sec[1]).rstrip(".")
                        if s not in known:
                            problems.append(f"{rel}: cites {PAGE} §{s}, "
                                            "which has no such section")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"every domain citation is to {PAGE}, {len(known)} sections")
    return 0


if __name__ == "__main__":
    sys.exit(main())
