# authenticity.pat - signs that a letter is not from the IRS, and marks of a
# real notice. A positive weight is a scam sign; a negative weight is a mark of
# a genuine notice. What each sign means, and its source, is in the catalog
# ("scam_signals"); every rule here needs an entry there.
# Weights: 0.80 and above is a strong sign, enough alone to call a letter
# suspicious, because the IRS says it never does these things. Every sign
# below is strong; a weak sign would need a second one beside it.
# Regression: none of these may fire on the real IRS sample notices, the
# stress texts or plain letters (test_extract, test_scam); tests/scam/ holds
# the scam letters each rule must catch.
field authenticity

# The IRS never takes payment by gift card, prepaid card, wire service or crypto,
# and a payment app only through the processors listed at irs.gov/payments,
# never to a person's account. "Same-day wire" is a real IRS way to pay from abroad:
# not matched.
rule gift_card          0.90  \b(?<v>(?:gift|itunes|apple|google\s+play|steam|amazon|ebay|target|walmart|razer\s+gold)\s+(?:gift\s+)?cards?)\b
rule prepaid_card       0.90  \b(?<v>pre-?paid\s+(?:debit|visa|master\s?card|credit|cash)?\s*cards?|green\s+dot|moneypak|vanilla\s+(?:visa|reload|gift)|reloadable\s+(?:debit\s+)?card)\b
rule wire_transfer      0.90  (?<!same-day\s)(?<!same\sday\s)\b(?<v>wire\s+(?:transfer|the\s+(?:money|funds|payment))|western\s+union|moneygram|ria\s+money)\b
# Crypto named where money is to go ("pay ... in Bitcoin", "USDT transfer") and the
# kiosks and wallets scammers send people to. A real CP2000 about crypto income
# names crypto without asking for it: not matched.
rule cryptocurrency     0.90  \b(?<v>(?:bitcoin|btc|crypto|coin)\s+(?:atm|kiosk|machine|wallet|address)|(?:pay|send|deposit|transfer|buy|purchase|convert|load)\b[\s\S]{0,40}?\b(?:bitcoin|btc|ethereum|ether|usdt|tether|litecoin|dogecoin|solana|usdc|crypto(?:currency|currencies)?)|(?:bitcoin|btc|ethereum|usdt|tether|litecoin|dogecoin|usdc|crypto(?:currency)?)\s+(?:payment|transfer|deposit))\b
rule payment_app        0.90  \b(?<v>pay\s?pal|venmo|zelle|cash\s?app|apple\s+pay|google\s+(?:pay|wallet)|samsung\s+pay)\b
# The IRS does not threaten arrest, jail, deportation, the police or the
# sheriff. "Report fraud to your local police or sheriff's department" is advice a
# real notice (CP05) gives, and "the law allows us to" is no threat: only threats count.
rule threat_of_arrest   0.90  (?<v>\b(?:arrest(?:ed)?|jail(?:ed)?|taken\s+into\s+custody|deport(?:ed|ation)|(?:arrest|bench|criminal|federal)\s+warrants?|warrants?\s+(?:for\s+your\s+arrest|(?:has|have)\s+been\s+issued|will\s+be\s+issued)|(?:local\s+|county\s+)?(?:police|sheriff(?:'?s)?(?:\s+(?:department|office|deputies))?|law\s+enforcement|u\.?s\.?\s+marshals?)\s+(?:will|are\s+(?:coming|on\s+their\s+way)|is\s+(?:coming|on\s+(?:its|the)\s+way))|(?:sen[dt]|dispatch(?:ed)?)\s+(?:the\s+)?(?:local\s+|county\s+)?(?:police|sheriff|law\s+enforcement|u\.?s\.?\s+marshals?))\b[^\n]{0,30})
# The IRS does not take away a driver's or business license (a passport can be
# denied by law for a large debt: that is real and not matched here).
rule license_threat     0.90  \b(?<v>(?:revo[kc]\w*|suspen\w*|cancel\w*|seiz\w*)\s+(?:of\s+)?(?:your\s+|the\s+)?(?:driver'?s?|driving|business|professional|trade|commercial|liquor)\s+licen[cs]es?|(?:driver'?s?|driving|business|professional|trade|commercial)\s+licen[cs]es?\s+(?:will\s+be\s+|may\s+be\s+|is\s+being\s+|has\s+been\s+)?(?:revoked|suspended|cancell?ed|seized))\b
# The IRS does not ask for a card number by phone, email or text, nor for a
# card's security code or PIN.
rule asks_for_card_number 0.90  \b(?<v>(?:read|give|provide|send|confirm|verify|reply\s+with|email|text|enter|call\s+(?:us\s+)?with)\s+(?:us\s+|me\s+)?(?:your\s+|the\s+|a\s+)?(?:full\s+|valid\s+)?(?:credit|debit|bank|atm)\s*(?:or\s+(?:credit|debit)\s+)?card\s*(?:number|no\.?|#|details|info\w*)?|card\s+number[^\n]{0,30}(?:expiration|exp\.?\s+date|cvv|cvc|security\s+code|pin)|(?:cvv|cvc|3-digit\s+security\s+code))\b
# Nor for bank log-ins, passwords, or photos of ID by email or text. 0.85, a little
# under the others: a bank or employer (not the IRS) may ask for a log-in in a letter.
rule asks_for_secrets   0.85  \b(?<v>(?:send|provide|confirm|verify|reply\s+with|email|text|enter)\s+(?:us\s+)?(?:your\s+|a\s+)?(?:(?:online\s+)?(?:bank(?:ing)?|e-?mail)\s+(?:log\s?in|user\s?(?:name|id)|password|credentials)|(?:photo|picture|scan|copy)\s+of\s+your\s+(?:driver'?s\s+license|id|passport)|driver'?s\s+license\s+photo)|log\s?in\s+to\s+your\s+(?:online\s+)?bank(?:ing)?(?:\s+account)?\s+(?:through|using|with|at|on)\s+(?:this|our|the\s+link))
# Look-alike names for the IRS: only "Internal Revenue Service" and "Department
# of the Treasury" are real (state tax agencies keep their own names, which are
# not matched: "Department of Taxation", "Department of Revenue").
rule impersonation      0.90  \b(?<v>(?:IRS|federal|national|u\.?s\.?|united\s+states|internal\s+revenue|american)\s+(?:tax|revenue)\s+(?:department|bureau|division|authority|agency|office|board|commission|police)|tax\s+(?:enforcement|collections?|recovery)\s+(?:division|department|bureau|unit|agency|office|center|authority)|(?:department|bureau|office)\s+of\s+(?:federal\s+)?tax\s+(?:collection|enforcement|recovery|crimes)|internal\s+revenue\s+(?:bureau|department|agency|division))\b
# Payments go to the United States Treasury, never to a person or a company.
# 0.80, just strong: a letter that is no IRS notice at all may name its own payee.
# A payee cut off at the end of a line ("payable to the") is no evidence: columns split lines.
# Nor is "the United States" alone: OCR of a column layout can put "Treasury" on another
# line or drop it, and look-alikes ("United States Tax Bureau") are the impersonation rule's.
# Nor is a "payee" that runs into an amount: OCR joined the line to the payment stub's column
# ("payable to the Proposed amount due $4,800.67").
rule payee_not_treasury 0.80  \bpayable\s+to\s+(?!(?:the\s+)?(?:united\s+states\b|u\.?\s?s\.?\s+treasury))(?!the\s*(?:\n|$))(?![^\n.,]{0,40}?(?:\bamount\s+(?:due|you)\b|\$\s?\d))(?<v>[A-Za-z][^\n.,]{2,40})

rule mark_treasury     -0.50  (?<v>department\s+of\s+the\s+treasury)
rule mark_irs          -0.50  (?<v>internal\s+revenue\s+service)
rule mark_irs_gov      -0.30  (?<v>\birs\.gov\b)
