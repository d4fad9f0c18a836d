# authenticity.pat - signs that a letter is not from the IRS, and marks of a
# real notice. A positive weight is a scam sign; a negative weight is a mark of
# a genuine notice. What each sign means, and its source, is in the catalog
# ("scam_signals"); every rule here needs an entry there.
# Regression: none of these may fire on the real IRS sample notices (test_extract).
field authenticity

# The IRS never takes payment by gift card, wire service, crypto or payment apps.
rule gift_card          0.90  \b(?<v>(?:gift|itunes|apple|google\s+play|steam|amazon|ebay)\s+cards?)\b
rule wire_or_crypto     0.90  \b(?<v>wire\s+transfer|western\s+union|moneygram|bitcoin|crypto\s?currency|crypto\s+wallet|btc|zelle|venmo|cash\s?app|prepaid\s+debit\s+card)\b
# The IRS does not threaten arrest, jail, deportation or the police.
# "Report fraud to your local police" is advice a real notice (CP05) gives: only threats count.
rule threat_of_arrest   0.90  \b(?<v>(?:arrest(?:ed)?|jail(?:ed)?|deport(?:ed|ation)|(?:the\s+)?police\s+(?:will|are\s+(?:coming|on\s+their\s+way)))\b[^\n]{0,30})
# Payments go to the United States Treasury, never to a person or a company.
# A payee cut off at the end of a line ("payable to the") is no evidence: columns split lines.
rule payee_not_treasury 0.80  \bpayable\s+to\s+(?!(?:the\s+)?(?:united\s+states|u\.?\s?s\.?)\s+treasury)(?!the\s*(?:\n|$))(?<v>[A-Za-z][^\n.,]{2,40})
# The IRS does not ask for card numbers, bank log-ins or license photos by mail.
rule asks_for_secrets   0.70  \b(?<v>(?:send|provide|confirm|reply\s+with|email)\s+(?:us\s+)?(?:your\s+|a\s+)?(?:credit\s+card|debit\s+card|card\s+number|bank\s+(?:log\s?in|password)|online\s+banking|password|photo\s+of\s+your\s+driver'?s\s+license|driver'?s\s+license\s+photo))

rule mark_treasury     -0.50  (?<v>department\s+of\s+the\s+treasury)
rule mark_irs          -0.50  (?<v>internal\s+revenue\s+service)
rule mark_irs_gov      -0.30  (?<v>\birs\.gov\b)
