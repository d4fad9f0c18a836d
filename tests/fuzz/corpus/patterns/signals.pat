field authenticity
rule zz_gift 0.90 \b(?<v>gift\s+cards?)\b
rule zz_mark -0.50 (?<v>internal\s+revenue\s+service)
field billing
rule credit_zz 0.90 \bzz\s+credit\s*(?<v>{MONEY})
