"""The body figures as HTML: interactive figures for marking pain, and pattern and pain
figures for guides, the diary and the clinic."""
