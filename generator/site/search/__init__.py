"""Search: Danish text analysis and the prebuilt indexes behind site search and the case finder."""
