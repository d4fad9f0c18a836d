# response_date.pat - the printed date to pay or respond by.
# Pay-by ("Amount due by"), respond-by (CP2000), the last day to request a
# Collection Due Process hearing (CP90, LT11), the last day to petition the
# Tax Court (notices of deficiency). A deadline only stated as "within 30
# days" is not printed: the explainer computes it from the catalog.
field response_date

rule amount_due_by      0.85  paired \bamount\s+{DUE}(?:,?\s+to\s+be\s+received)?(?:\s+by)?\s*(?<v>{DATE})
# Its date garbled past parsing: a place for the second look to read again.
rule amount_due_by_garbled 0.85 paired misread \bamount\s+{DUE}(?:,?\s+to\s+be\s+received)?\s+by\s*(?<v>{DATE_GARBLED})
rule received_by        0.80  \b(?:must\s+be\s+)?received\s+by\s+(?<v>{DATE})
rule pay_by             0.80  \bpay\s+(?:the\s+)?(?:amount\s+{DUE}|full\s+balance|balance|amount\s+you\s+owe)(?:\s+of\s+{MONEY})?,?\s+by\s+(?<v>{DATE})
# A pay-by label in a header or box, as other layouts print it ("Pay by: April
# 1, 2024", "Payment due date", "Due by"): only at the start of its line, since
# "asked you to pay by" and "Missed payment due" name other dates; paired, so
# a label with nothing beside or below it takes no other row's date.
rule pay_by_label       0.80  paired (?m)^[ \t]*(?:pay(?:ment)?\s+(?:due\s+)?by|payment\s+due(?:\s+date)?|due\s+by)\s*:?\s*(?<v>{DATE})
rule full_balance_by    0.75  \bfull\s+balance\s+by\s+(?<v>{DATE})
rule respond_by         0.90  \b(?:respond|reply|response\s+due|response\s+date)(?:\s+to\s+us)?(?:\s+by)?\s*:?\s*(?<v>{DATE})
rule last_day_to        0.95  \blast\s+day\s+to\s+(?:file|request|respond|petition|ask)[\s\S]{0,100}?(?<v>{DATE})
rule hearing_by         0.85  \bhearing\b[\s\S]{0,120}?\bby\s+(?<v>{DATE})
rule levy_on_or_after   0.60  \bon\s+or\s+after\s+(?<v>{DATE})
rule no_later_than      0.60  \b(?:no\s+later\s+than|on\s+or\s+before)\s+(?<v>{DATE})
# The response form's own deadline (CP2000, CP2501): "You Must Return the
# Response Form by ...", "Complete the Response form and mail or fax it to us by ...".
rule response_form_by   0.80  \bresponse\s+form\b[^.]{0,60}?\bby\s+(?<v>{DATE})
# "If we don't hear from you by June 12, 2024, we'll ...".
rule hear_from_you_by   0.75  \bhear\s+from\s+you\s+by\s+(?<v>{DATE})
# Two columns joined line by line: the label ends one line, and its date ends
# the next, after the other column's words ("Amount due by" / "Write your ...
# September 29, 2023 $6,800.53").
rule due_by_merged      0.70  paired \bamount\s+{DUE}(?:,?\s+to\s+be\s+received)?\s+by[ \t]*\n[^\n]{0,90}?(?<v>{DATE})
rule pay_by_merged      0.65  \bpay\s+(?:the\s+)?amount\s+{DUE}\s+of\s+{MONEY}\s+by[ \t]*\n[^\n]{0,90}?(?<v>{DATE})
