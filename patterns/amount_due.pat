# amount_due.pat - the amount the notice asks the reader to pay now.
# A notice prints many amounts (tax, payments, each penalty, interest); only
# labelled ones are candidates, and the repeats (headline, billing summary,
# payment stub) make the right one win. Refunds, overpayments and
# "if we terminate" totals are vetoed.
field amount_due

rule headline_label     0.90  \bamount\s+{DUE}(?:\s+immediately)?\s*:\s*(?<v>{MONEY})
rule due_by_date        0.90  \bamount\s+{DUE}(?:,?\s+to\s+be\s+received)?(?:\s+by)?\s*{DATE}\s*(?<v>{MONEY})
rule due_immediately    0.90  \b(?:amount|payment)\s+{DUE}\s+immediately\s*:?\s*(?<v>{MONEY})
rule past_due_now       0.85  \bpast\s+{DUE}\s+amount\s+{DUE}\s+immediately[^$\n]{0,40}\s*(?<v>{MONEY})
rule pay_amount_of      0.85  \b(?:pay|send\s+us)\s+the\s+amount\s+{DUE}\s+of\s+(?<v>{MONEY})
rule amount_you_owe     0.85  \b(?:total\s+)?amount\s+you\s+owe\b\s*:?\s*(?<v>{MONEY})
rule proposed_due       0.85  \bproposed\s+(?:amount|balance)\s+{DUE}\s*:?\s*(?<v>{MONEY})
rule balance_due        0.80  \b(?:total\s+)?balance\s+{DUE}\s*:?\s*(?<v>{MONEY})
rule amount_due_plain   0.75  \b(?:total\s+)?amount\s+{DUE}\s*(?<v>{MONEY})
rule you_owe            0.60  \byou\s+owe\s+(?<v>{MONEY})
rule pay_immediately    0.60  \bpay\s+immediately\b[\s\S]{0,80}?(?<v>{MONEY})
rule must_be_received   0.70  \bpayment\s+for\s+the\s+amount\s+{DUE}\s+of\s+(?<v>{MONEY})

rule if_terminated     -0.60  \bif\s+we\s+terminate\b[\s\S]{0,90}?(?<v>{MONEY})
rule refund_amount     -0.50  \b(?:refund|overpayment|credit\s+balance)(?:\s+amount)?\s*:?\s*(?<v>{MONEY})
