"""Editor tooling (issue 17): start an article, typeset Chinese by rule, and see what needs review."""
