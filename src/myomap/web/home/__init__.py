"""The front door of server mode: what myomap is, for visitors who are not signed in."""
