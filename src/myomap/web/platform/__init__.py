"""What every web feature uses: dependencies, access rules, CSRF, rate limits, security
headers, error rendering and page rendering."""
