"""Reports: one Summary of a person's diary and latest assessment, many renderings.

summary.build_summary(store)    -> Summary
pdf.render_pdf(summary)         -> bytes   (the clinician's report)
fhir.fhir_bundle(summary)       -> dict    (FHIR R4B Bundle, validated with fhir.resources)
csv_export.entries_csv(entries) -> str
calendar.plan_calendar(plan)    -> bytes   (iCalendar reminders)
charts.*                        the diary's charts (reportlab drawings; plot.svg for a page)

Import from the module that renders what you need, so a page that needs a chart does not
load the PDF's page layout, FHIR or iCalendar.
"""
