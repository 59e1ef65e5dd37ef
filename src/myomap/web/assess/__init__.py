"""The assessment: the page where a person marks pain and answers questions, its state
in the URL, and the self-care plan."""
