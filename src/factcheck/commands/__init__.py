"""The command-line tools: validate, fix drifted quotes, start an annotation, generate the pages
and data for generators without plugins, check a built site, and keep the contributing page in
step with CONTRIBUTING.md. Each is a ``main(argv) -> exit status``: 0 fine, 1 problems found,
2 could not run.
"""
