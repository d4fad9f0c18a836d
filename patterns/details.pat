# details.pat - more that a tax office needs: the form, a business tax period,
# the taxpayer ID (masked to its last four digits as soon as it is read), the
# phone number to call and the caller ID. Optional: a notice may print none.

field form
rule form_number        0.85  \bform\s+number\s*\(?\s*(?<v>\d{3,4}(?:-[A-Z]{1,2})?)
rule form_on_notice     0.70  \b(?:tax\s+)?form\s*:?\s*(?<v>(?:1040|1041|1065|1120|940|941|943|944|945|720|2290|990)(?:-?[A-Z]{1,2})?)\b

field tax_period
rule period_label       0.90  \btax\s+period(?:s|\(s\))?(?:\s+end(?:ed|ing))?{GAP}(?<v>{DATE})
rule year_as_date       0.80  \btax\s+year(?:\s+end(?:ed|ing))?{GAP}(?<v>[A-Za-z]{3,10}\.?\s{0,2}\d{1,2},\s{0,2}(?:19|20)\d{2})

# nnn-nn-1234, XXX-XX-1234, 12-3456789; full numbers are masked on reading.
define TAXID [0-9nNxX*]{3}-?\s?[0-9nNxX*]{2}-?\s?\d{4}|[0-9nNxX*]{2}-\s?[0-9nNxX*]{3}\d{4}
field taxpayer_id
rule id_label           0.90  \b(?:social\s+security|taxpayer\s+id(?:entification)?|employer\s+id(?:entification)?|individual\s+taxpayer\s+identification)\s+number\s*:?\s*(?<v>{TAXID})(?![\d])
rule ssn_abbreviation   0.80  \b(?:SSN|EIN|ITIN|TIN)\s*:?\s*(?<v>{TAXID})(?![\d])

define PHONE (?:1[-\s.]?)?\(?\d{3}\)?[-\s.]?\d{3}[-\s.]?\d{4}(?!\d)
field phone
rule contact_phone      0.90  \bto\s+contact\s+us\s*:?\s*(?:phone\s*)?(?<v>{PHONE})
rule phone_label        0.80  \b(?:phone|telephone(?:\s+number)?)\s*:?\s*(?<v>{PHONE})
rule call_us_at         0.70  \bcall\s+(?:us\s+)?(?:at\s+)?(?<v>{PHONE})

field caller_id
rule caller_id          0.90  \bcaller\s+id\s*:?\s*(?<v>\d{4,6})(?!\d)

# The taxpayer's name and address block: a name line, a street line that
# starts with a number (or a P.O. box, or a military "PSC/UNIT/CMR nnn BOX nnn"
# line before "APO, AE 09012"), and a "CITY, ST 12345" line (the comma is
# optional: the Postal Service's own style has none), in capitals as notices
# print them. The IRS's own addresses have no such street. Bytes \x80-\xff
# are the letters of UTF-8 names (JOSÉ MUÑOZ, CAÑON CITY), which the patterns
# see as bytes.
define CITY_LINE [A-Z\x80-\xff][A-Za-z\x80-\xff .'-]{1,30},?\s?[A-Z]{2}\s{1,2}\d{5}(?:-\d{4})?
field mailing_address
rule address_block      0.80  (?-i)(?:^|\n)(?<v>(?!INTERNAL REVENUE|DEPARTMENT OF)[A-Z\x80-\xff][A-Za-z\x80-\xff .,&'-]{3,60}\n(?:[A-Z\x80-\xff][A-Za-z\x80-\xff .,&'-]{3,60}\n)?(?:\d{1,6}\s[A-Za-z\x80-\xff0-9 .#'-]{3,40}|P\.?\s?O\.?\s+BOX\s+\d+|(?:PSC|UNIT|CMR)\s+\d+,?\s+BOX\s+\d+)\n{CITY_LINE})(?=\n|$)
# A block mailed abroad ends in the country's name on its own line, in
# capitals (the Universal Postal Union's rule for international mail). Names
# the IRS may print for countries where many U.S. filers live; a block that
# ends in another name is simply not read, and the plan keeps the shorter
# window. The United States itself is not listed. The rule's name
# (address_abroad) tells the plan the block is abroad: see explain_address.c.
define COUNTRY (?:CANADA|MEXICO|UNITED KINGDOM|GREAT BRITAIN|ENGLAND|SCOTLAND|WALES|NORTHERN IRELAND|IRELAND|GERMANY|FRANCE|ITALY|SPAIN|PORTUGAL|NETHERLANDS|BELGIUM|LUXEMBOURG|SWITZERLAND|AUSTRIA|DENMARK|SWEDEN|NORWAY|FINLAND|ICELAND|POLAND|CZECH REPUBLIC|CZECHIA|HUNGARY|ROMANIA|GREECE|TURKEY|TURKIYE|ISRAEL|UNITED ARAB EMIRATES|SAUDI ARABIA|QATAR|EGYPT|SOUTH AFRICA|NIGERIA|KENYA|GHANA|INDIA|PAKISTAN|CHINA|HONG KONG|TAIWAN|JAPAN|KOREA|SOUTH KOREA|REPUBLIC OF KOREA|PHILIPPINES|VIETNAM|THAILAND|SINGAPORE|MALAYSIA|INDONESIA|AUSTRALIA|NEW ZEALAND|BRAZIL|ARGENTINA|CHILE|COLOMBIA|PERU|ECUADOR|COSTA RICA|PANAMA|GUATEMALA|EL SALVADOR|HONDURAS|NICARAGUA|DOMINICAN REPUBLIC|JAMAICA|BAHAMAS|BERMUDA|CAYMAN ISLANDS|UKRAINE)
rule address_abroad     0.80  (?-i)(?:^|\n)(?<v>(?!INTERNAL REVENUE|DEPARTMENT OF)[A-Z][A-Za-z .,&'-]{3,60}\n(?:[A-Z0-9][A-Za-z0-9 .,#&'/-]{1,60}\n){1,3}{COUNTRY})[ \t]*(?=\n|$)
