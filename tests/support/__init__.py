"""What the tests share: paths, plan variants, Word files and PDFs read back, browsers, servers."""
