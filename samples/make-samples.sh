#!/usr/bin/env bash
# shellcheck disable=SC2034  # data arrays are read through pick()'s nameref
# make-samples.sh - render FICTIONAL IRS-style notices to images, with the
# fields a correct extractor should find, for noticescan's tests and demos.
#
# Every name, address, identifying number and amount produced here is made up.
# Only public Debian tools are used: bash, GNU coreutils (date) and
# ImageMagick 6 (`convert`, `identify`), with fonts from fonts-dejavu-core and
# fonts-liberation.  Run with --help for usage.

set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROG=${0##*/}

usage() {
    cat <<EOF
Usage:
  $PROG [--out DIR]
      Regenerate the committed sample set (default DIR: $SCRIPT_DIR, i.e.
      the samples/ directory itself).  Output is deterministic.

  $PROG --eval N --out DIR [--seed S] [--jobs J]
      Generate N random documents for evaluation: notice types from
      CP14 CP501 CP503 CP71C CP11 CP22A CP161 CP504 CP90 LT11 LTR1058
      CP2000 CP3219A CP12 CP59 (balanced: every 15 consecutive documents
      hold each type once), random fictional names, amounts and dates, and
      an image kind (every 20 documents: 5 scan, 4 office-scan, 7 phone,
      4 hard) with random degradation strength:
        scan         clean 300 DPI grayscale PNG/TIFF
        office-scan  skewed, grey, noisy, blurred TIFF (200 or 300 DPI)
        phone        perspective photo on a textured background, uneven
                     light, shadow band, warm tint, JPEG; some stored rotated
                     with an EXIF Orientation tag
        hard         phone photo or scan made worse: strong shadow, ~1200 px
                     wide, heavy JPEG, blur, or rotated 180 degrees with no
                     EXIF tag
      Files: DIR/doc-NNNN.{png,tif,jpg} with DIR/doc-NNNN.expected.json, and
      DIR/manifest.tsv (one line per document: file, kind, notice type,
      degradations applied).  The same N and S always give the same files.

Options:
  --out DIR    output directory (created if missing)
  --eval N     generate N random evaluation documents instead of the sample set
  --seed S     random seed for --eval (non-negative integer, default 1)
  --jobs J     documents rendered in parallel (default: 2, or 1 on 1 CPU)
  --keep-pages also write the clean 300 DPI page(s) as NAME.page1.png (debug)
  -h, --help   show this help

Expected-field files look like:
  {"source": "cp14-scan.png", "kind": "scan",
   "expected": {"notice_code": "CP14", "tax_year": 2023,
                "amount_due": "2417.86", "response_date": "2024-04-01",
                "notice_date": "2024-03-11"}}
null is used where a field is absent (e.g. amount_due for CP12/CP59/CP3219A,
response_date for CP504/CP12/CP59).
EOF
}

die() { echo "$PROG: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------- arguments --
OUT=""
EVAL=0
SEED=1
JOBS=""
KEEP_PAGES=0
while (($#)); do
    case $1 in
        --out) [[ $# -ge 2 ]] || die "--out needs a directory"; OUT=$2; shift 2 ;;
        --out=*) OUT=${1#*=}; shift ;;
        --eval) [[ $# -ge 2 ]] || die "--eval needs a number"; EVAL=$2; shift 2 ;;
        --eval=*) EVAL=${1#*=}; shift ;;
        --seed) [[ $# -ge 2 ]] || die "--seed needs a number"; SEED=$2; shift 2 ;;
        --seed=*) SEED=${1#*=}; shift ;;
        --jobs) [[ $# -ge 2 ]] || die "--jobs needs a number"; JOBS=$2; shift 2 ;;
        --jobs=*) JOBS=${1#*=}; shift ;;
        --keep-pages) KEEP_PAGES=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ $EVAL =~ ^[0-9]+$ ]] || die "--eval must be a non-negative integer, got '$EVAL'"
[[ $SEED =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer, got '$SEED'"
SEED=$((10#$SEED % 1000000007))
EVAL=$((10#$EVAL))
if [[ -z $JOBS ]]; then
    JOBS=$(nproc 2>/dev/null || echo 1); ((JOBS > 2)) && JOBS=2
fi
[[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "--jobs must be a positive integer, got '$JOBS'"
if ((EVAL > 0)); then
    [[ -n $OUT ]] || die "--eval needs --out DIR (the committed samples/ set is only made without --eval)"
else
    [[ -n $OUT ]] || OUT=$SCRIPT_DIR
fi

# ------------------------------------------------------------- requirements --
command -v convert >/dev/null 2>&1 ||
    die "ImageMagick 'convert' not found. Install it with: apt-get install imagemagick"
command -v identify >/dev/null 2>&1 ||
    die "ImageMagick 'identify' not found. Install it with: apt-get install imagemagick"
convert -version 2>/dev/null | grep -q 'ImageMagick' ||
    die "'convert' is not ImageMagick's convert"
date -d '2024-01-01 +1 days' +%F >/dev/null 2>&1 || die "GNU date is required"

FD=/usr/share/fonts/truetype
F_DV=$FD/dejavu/DejaVuSans.ttf
F_DVB=$FD/dejavu/DejaVuSans-Bold.ttf
F_DS=$FD/dejavu/DejaVuSerif.ttf
F_DSB=$FD/dejavu/DejaVuSerif-Bold.ttf
F_MONO=$FD/dejavu/DejaVuSansMono.ttf
F_LS=$FD/liberation/LiberationSans-Regular.ttf
F_LSB=$FD/liberation/LiberationSans-Bold.ttf
F_LR=$FD/liberation/LiberationSerif-Regular.ttf
F_LRB=$FD/liberation/LiberationSerif-Bold.ttf
for f in "$F_DV" "$F_DVB" "$F_DS" "$F_DSB" "$F_MONO"; do
    [[ -r $f ]] || die "font $f missing. Install it with: apt-get install fonts-dejavu-core"
done
for f in "$F_LS" "$F_LSB" "$F_LR" "$F_LRB"; do
    [[ -r $f ]] || die "font $f missing. Install it with: apt-get install fonts-liberation"
done
# Average character width in thousandths of the font size (measured on mixed
# English text, rounded up) - used to wrap paragraphs without measuring.
declare -A FW=([$F_DV]=560 [$F_DVB]=620 [$F_DS]=560 [$F_DSB]=610
               [$F_LS]=490 [$F_LSB]=520 [$F_LR]=445 [$F_LRB]=470 [$F_MONO]=610)

TMPROOT=$(mktemp -d "${TMPDIR:-/tmp}/make-samples.XXXXXX")
cleanup() {
    local p
    for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$TMPROOT"
}
trap cleanup EXIT

# ------------------------------------------------------------------ random --
# Small generator of our own (xorshift32, seeds mixed with murmur3's fmix32)
# so the output does not depend on bash's $RANDOM.  All values stay < 2^49,
# so bash's 64-bit arithmetic never overflows.
RS=1
mul32() { M32=$(( ($1 * ($2 & 0xffff) + ((($1 * ($2 >> 16)) & 0xffff) << 16)) & 0xffffffff )); }
seed_rng() {
    local h=$(( ($1 ^ 0x9e3779b9) & 0xffffffff ))
    h=$(( h ^ (h >> 16) )); mul32 $h 0x85ebca6b; h=$(( M32 ^ (M32 >> 13) ))
    mul32 $h 0xc2b2ae35; h=$(( M32 ^ (M32 >> 16) ))
    RS=$(( h ? h : 1 ))
    rnd 2; rnd 2; rnd 2
}
rnd() {  # rnd N -> R in [0, N)
    RS=$(( RS ^ ((RS << 13) & 0xffffffff) )); RS=$(( RS ^ (RS >> 17) ))
    RS=$(( RS ^ ((RS << 5) & 0xffffffff) ))
    R=$(( (RS >> 4) % $1 ))
}
rrange() { rnd $(($2 - $1 + 1)); R=$((R + $1)); }   # rrange LO HI -> R in [LO,HI]
pick() { local -n _a=$1; rnd ${#_a[@]}; P=${_a[R]}; }
chance() { rnd 100; ((R < $1)); }                    # chance PERCENT

# ------------------------------------------------------------------ format --
money() {  # money CENTS -> M ("2,417.86", "-500.00")
    local c=$1 neg="" d f s out=""
    ((c < 0)) && { neg="-"; c=$((-c)); }
    d=$((c / 100)); printf -v f '%02d' $((c % 100))
    s=$d
    while ((${#s} > 3)); do out=",${s: -3}$out"; s=${s:0:${#s}-3}; done
    M="$neg$s$out.$f"
}
usd() {  # usd CENTS -> U ("$2,417.86", "-$500.00")
    money "$1"
    if [[ $M == -* ]]; then U="-\$${M#-}"; else U="\$$M"; fi
}
plain_amount() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }
dadd() { date -d "$1 +$2 days" +%F; }            # dadd ISO DAYS -> ISO
dlong() { date -d "$1" '+%B %-d, %Y'; }          # March 4, 2024
dyear() { echo "${1:0:4}"; }

# ----------------------------------------------------------- fictional data --
FIRST=(DANA LEE JORDAN MORGAN CASEY RILEY AVERY QUINN TAYLOR JAMIE ROBIN
       PAT SAM ALEX CAMERON DREW ELLIS FRANCIS GALE HAYDEN KENDALL LOGAN
       MARLO NOEL PARKER REESE SHAWN TERRY VAL WREN)
LAST=(EXAMPLE SAMPLE PLACEHOLDER TESTWOOD FICTIVA NULLMAN DOEBERRY
      MOCKLEY SPECIMEN DEMOSTHENE PROTOTYPO FAUXBRIDGE MADEUP INVENTA
      PRETEND LOREMSON IPSUMBY DUMMOND STANDIN PROXIMO)
STREET=("MAPLE HOLLOW RD" "QUILL CREEK LN" "BIRCHWOOD AVE" "LANTERN WAY"
        "OLD MILL DR" "SPARROW CT" "CEDAR BLUFF RD" "HARBOR VIEW ST"
        "WILLOW BEND DR" "PINECONE PATH" "FOXGLOVE CIR" "COPPER KETTLE RD")
TOWN=("SPRINGFIELD, IL 62704" "RIVERTON, WY 82501" "FAIRVIEW, OR 97024"
      "CLINTON, IA 52732" "MADISON, WI 53703" "GREENVILLE, SC 29601"
      "FRANKLIN, TN 37064" "SALEM, MA 01970" "GEORGETOWN, TX 78626"
      "ASHLAND, KY 41101" "DOVER, DE 19901" "MILFORD, CT 06460")
BUSINESS=("MAPLE HOLLOW BAKERY LLC" "QUILLCREEK PRINTING CO"
          "BLUE HERON LANDSCAPING INC" "NORTHWIND BICYCLE REPAIR LLC"
          "LANTERN WAY DENTAL PC" "COPPER KETTLE CATERING LLC"
          "SPARROW COURT DAYCARE INC")
CAMPUS=("Kansas City, MO 64999-0010" "Austin, TX 73301-0023"
        "Ogden, UT 84201-0030" "Fresno, CA 93888-0025"
        "Philadelphia, PA 19255-0010" "Cincinnati, OH 45999-0030"
        "Memphis, TN 37501-0012")
REMIT=("CINCINNATI, OH 45999-0149" "KANSAS CITY, MO 64999-0149"
       "OGDEN, UT 84201-0039" "AUSTIN, TX 73301-0149"
       "CHARLOTTE, NC 28201-1214" "LOUISVILLE, KY 40293-1000")
PAYERS=("RIVERBEND STAFFING INC" "HILLTOP FREELANCE NETWORK" "ORCHARD LANE MEDIA LLC"
        "BRIGHTPATH DELIVERY CO" "KESTREL CONSULTING GROUP")
BANKS=("PRAIRIE SAVINGS BANK" "LAKESHORE CREDIT UNION" "SUMMIT BROKERAGE SVCS"
       "GREENLEAF MUTUAL FUND" "TIDEWATER COMMUNITY BANK")
STAFF=("Ms. R. Ortega" "Mr. K. Lindqvist" "Ms. A. Okafor" "Mr. T. Nakamura"
       "Ms. J. Whitcombe" "Mr. D. Castellano")
CP_TYPES=(CP14 CP501 CP503 CP71C CP11 CP22A CP161 CP504 CP90 LT11 LTR1058
          CP2000 CP3219A CP12 CP59)

# ----------------------------------------------------------- doc content ----
# gen_doc TYPE fills the globals below with one fictional notice.  Optional
# overrides (set before calling, cleared after): FIX_NAME FIX_ADDR1 FIX_ADDR2
# FIX_TY FIX_NDATE FIX_TOTAL (cents) FIX_FONT (dejavu|liberation).
reset_doc() {
    LAYOUT="cp"; CODE_PRINT=""; EXP_CODE=""; TY=0; NDATE=""; RDATE=""; AMT=""
    HDR=(); SENDER=(); ADDR=(); HEADLINE=""; KEYS=(); INTRO=(); LT=""; ROWS=()
    RT=""; RIGHT=(); NOTES=(); STUB=pay; STUB_LABEL=""; STUB_AMT=""
    STUB_TEXT=(); STUB_HDR=(); WAIVER=(); PAGE2=(); FOOTER=""; PAGES=3
    L_HDR=(); L_TITLE=(); L_PARAS1=(); L_PARAS2=(); L_TABLE=(); L_SIGN=()
    BUSINESS_DOC=0
}

gen_people() {
    local first last mid
    pick FIRST; first=$P; pick LAST; last=$P
    local abc=ABCDEFGHIJKLMNOPQRSTUVWXYZ
    rnd 26; mid=${abc:R:1}
    if [[ -n ${FIX_NAME:-} ]]; then NAME=$FIX_NAME
    elif chance 20; then pick FIRST; NAME="$first $mid. & $P $last"
    else NAME="$first $mid. $last"; fi
    DEAR=${NAME%% & *}
    rrange 12 9899; local num=$R; pick STREET
    ADDR1=${FIX_ADDR1:-"$num $P"}
    pick TOWN; ADDR2=${FIX_ADDR2:-$P}
    if chance 20; then rrange 1 40; ADDR1="$ADDR1 APT $R"; fi
    rrange 1000 9999; LAST4=$R
    rrange 1000 9999; CALLER=$R
    pick CAMPUS; CAMPUS_CITY=$P
    pick REMIT; REMIT_CITY=$P
    pick STAFF; STAFFER=$P
    ID_LABEL="Social security number"; chance 25 && ID_LABEL="Taxpayer ID number"
    ID_VALUE="nnn-nn-$LAST4"
    PHONE="800-829-1040"
}

pick_fonts() {
    local f=${FIX_FONT:-}
    if [[ -z $f ]]; then rnd 2; f=$([[ $R == 0 ]] && echo dejavu || echo liberation); fi
    if [[ $LAYOUT == letter ]]; then
        if [[ $f == dejavu ]]; then FR=$F_DS; FB=$F_DSB; else FR=$F_LR; FB=$F_LRB; fi
    else
        if [[ $f == dejavu ]]; then FR=$F_DV; FB=$F_DVB; else FR=$F_LS; FB=$F_LSB; fi
    fi
}

# notice date: a weekday in year NY, day-of-year between LO and HI
pick_ndate() {
    if [[ -n ${FIX_NDATE:-} ]]; then NDATE=$FIX_NDATE; return; fi
    rrange "$2" "$3"
    NDATE=$(dadd "$1-01-01" "$R")
    local wd; wd=$(date -d "$NDATE" +%u)
    ((wd == 6)) && NDATE=$(dadd "$NDATE" -1)
    ((wd == 7)) && NDATE=$(dadd "$NDATE" -2)
    return 0
}

rand_total() {  # rand_total LO HI (cents) -> T, honouring FIX_TOTAL
    if [[ -n ${FIX_TOTAL:-} ]]; then T=$FIX_TOTAL; return; fi
    # skew towards smaller balances
    rrange "$1" "$2"; local a=$R; rrange "$1" "$2"
    T=$(( a < R ? a : R ))
}
pct() { rrange "$2" "$3"; V=$(( $1 * R / 1000 )); }   # pct BASE LO HI (per mille) -> V

ind_header() {  # individual CP-notice header
    HDR=("Notice|$CODE_PRINT" "Tax year|$TY" "Notice date|$NDL"
         "$ID_LABEL|$ID_VALUE" "To contact us|Phone $PHONE"
         "Your caller ID|$CALLER" "Page 1 of $PAGES|")
    STUB_HDR=("Notice|$CODE_PRINT" "Notice date|$NDL" "$ID_LABEL|$ID_VALUE")
}

std_stub_text() {
    STUB_TEXT=("Make your check or money order payable to the United States Treasury."
               "Write your $1 ($ID_VALUE), the tax year ($TY), and the form number ($2) on your payment and any correspondence.")
}

payment_notes() {  # payment_notes PAY_CENTS
    local pd extra=""; rrange 20 80; pd=$(dlong "$(dadd "$NDATE" "-$R")")
    usd "$1"
    [[ $NDATE > "$((TY + 1))-04-15" ]] &&
        extra=" Penalty and interest are figured from April 15, $((TY + 1)), the due date of your return."
    NOTES+=("#Payments and credits we applied"
            "We applied your payment of $U received on $pd to your $TY account.$extra")
}

gen_doc() {
    local type=$1 a f i p pu fu iu tu au d1 d2
    reset_doc
    TYPE=$type
    gen_people
    case $type in LT11|LTR1058) LAYOUT=letter ;; esac
    pick_fonts
    # tax year / notice date
    rnd 2; TY=${FIX_TY:-$((2021 + R))}
    case $type in
        CP71C) rrange 3 6; TY=${FIX_TY:-$((2024 - R))}; pick_ndate 2024 5 40 ;;
        CP2000|CP3219A) TY=${FIX_TY:-$((2020 + R))}; pick_ndate $((TY + 2)) 30 300 ;;
        CP501|CP59) pick_ndate $((TY + 1)) 150 340 ;;
        CP503) pick_ndate $((TY + 1)) 200 380 ;;
        CP504) pick_ndate $((TY + 1)) 250 480 ;;
        CP90|LT11|LTR1058) pick_ndate $((TY + 1)) 330 700 ;;
        CP22A) pick_ndate $((TY + 1)) 120 600 ;;
        CP161) pick_ndate $((TY + 1)) 60 300 ;;
        *) pick_ndate $((TY + 1)) 110 330 ;;
    esac
    NDL=$(dlong "$NDATE")
    PREV1=$(dadd "$NDATE" -$((35 + RS % 30))); PREV2=$(dadd "$PREV1" -$((35 + RS % 25)))
    d1=$(dlong "$PREV1"); d2=$(dlong "$PREV2")
    CODE_PRINT=$type; EXP_CODE=$type
    SENDER=("Department of the Treasury" "Internal Revenue Service" "$CAMPUS_CITY")
    case $type in
    CP14|CP501|CP503|CP71C|CP11|CP22A)
        rand_total 8500 950000
        pct "$T" 15 55; f=$V; pct "$T" 10 60; i=$V
        pct "$T" 50 400; p=$V
        a=$((T - f - i + p))
        RDATE=$(dadd "$NDATE" 21); AMT=$T
        usd "$T"; tu=$U; usd "$a"; au=$U; usd "-$p"; pu=$U; usd "$f"; fu=$U; usd "$i"; iu=$U
        local rdl; rdl=$(dlong "$RDATE")
        ind_header
        KEYS=("Amount due: $tu")
        LT="Billing Summary"
        RT="What you need to do immediately"
        RIGHT=("#If you agree with the amount due"
               "• Pay the amount due of $tu by $rdl to avoid additional penalty and interest charges."
               "• Pay online, or mail a check or money order with the payment stub below."
               "#If you can't pay the amount due"
               "• Pay as much as you can now and ask us about a payment plan for the rest.")
        STUB_LABEL="Amount due by $rdl"; STUB_AMT=$tu
        std_stub_text "social security number" 1040
        case $type in
        CP14)
            HEADLINE="You have a balance due for $TY"
            INTRO=("Our records show you have unpaid taxes for the tax year ending December 31, $TY. If you don't pay $tu by $rdl, interest will increase and additional penalties may apply. If you already paid the full amount or set up a payment plan in the last 21 days, please disregard this notice.")
            ROWS=("Tax you owed|$au" "Payments and credits|$pu" "Failure-to-pay penalty|$fu" "Interest charges|$iu" "=Amount due by $rdl|$tu")
            ((p > 0)) && payment_notes "$p"
            FOOTER="Notice CP14 (Rev. 01-2023)" ;;
        CP501)
            HEADLINE="Reminder: You have unpaid taxes for $TY"
            local prev=$((T - f - i)); usd "$prev"
            INTRO=("We sent you a notice on $d1 about your unpaid balance of $U for $TY. Our records show you still haven't paid it in full. Penalties and interest will keep increasing until you pay the full amount.")
            ROWS=("Amount you owed on previous notice|$U" "Additional failure-to-pay penalty|$fu" "Additional interest charges|$iu" "=Amount due, to be received by $rdl|$tu")
            STUB_LABEL="Amount due, to be received by $rdl"
            FOOTER="Notice CP501 (Rev. 05-2022)" ;;
        CP503)
            HEADLINE="Second reminder: You still have a balance due for $TY"
            local prev=$((T - f - i)); usd "$prev"
            INTRO=("We haven't heard from you. We sent you notices on $d2 and $d1 about your unpaid balance of $U for $TY. If you don't pay or contact us, we may file a notice of federal tax lien and take further collection action.")
            ROWS=("Amount you owed on previous notices|$U" "Additional failure-to-pay penalty|$fu" "Additional interest charges|$iu" "=Amount due by $rdl|$tu")
            FOOTER="Notice CP503 (Rev. 05-2022)" ;;
        CP71C)
            HEADLINE="Annual reminder of balance due taxes for tax year $TY"
            INTRO=("This is a reminder that you still owe the balance below for the tax year ending December 31, $TY. We sent you our most recent notice on $d1. The balance includes penalty and interest figured to $rdl.")
            ROWS=("Tax you owed|$au" "Penalties|$fu" "Interest|$iu" "Payments and credits|$pu" "=Amount due by $rdl|$tu")
            ((p > 0)) && payment_notes "$p"
            FOOTER="Notice CP71C (Rev. 11-2021)" ;;
        CP11)
            HEADLINE="Changes to your $TY Form 1040: you have a balance due"
            local ret cor; rrange 150000 900000; ret=$R; cor=$((ret + a))
            usd "$ret"; local retu=$U; usd "$cor"
            INTRO=("We found a miscalculation on your $TY Form 1040 in the tax and credits section. We changed your return to correct it, and as a result you owe $tu.")
            NOTES=("#Changes to your $TY tax return" "The tax shown on your return was $retu. The corrected tax is $U. The difference, $au, is shown in the billing summary as the amount you owed.")
            ROWS=("Amount you owed|$au" "Payments you made|$pu" "Failure-to-pay penalty|$fu" "Interest charges|$iu" "=Amount due by $rdl|$tu")
            FOOTER="Notice CP11 (Rev. 07-2022)" ;;
        CP22A)
            local req; req=$(dlong "$(dadd "$NDATE" -$((60 + RS % 60)))")
            HEADLINE="We changed your $TY Form 1040 as you requested"
            INTRO=("Thank you for your request, received $req, to change your $TY tax return. We made the change you asked for. As a result, you now owe $tu.")
            ROWS=("Increase in tax|$au" "Payments and credits|$pu" "Failure-to-pay penalty|$fu" "Interest charges|$iu" "=Amount due by $rdl|$tu")
            FOOTER="Notice CP22A (Rev. 02-2023)" ;;
        esac ;;
    CP161)
        BUSINESS_DOC=1
        pick BUSINESS; NAME=${FIX_NAME:-$P}; DEAR=$NAME
        rrange 1000 9999; ID_LABEL="Employer ID number"; ID_VALUE="nn-nnn$R"
        PHONE="800-829-4933"
        rand_total 20000 2500000
        pct "$T" 20 80; local fd=$V; pct "$T" 10 40; f=$V; pct "$T" 10 40; i=$V
        pct "$T" 100 600; p=$V; local p1=$((p * 6 / 10)); local p2=$((p - p1))
        a=$((T - fd - f - i + p))
        RDATE=$(dadd "$NDATE" 21); AMT=$T
        usd "$T"; tu=$U; usd "$a"; au=$U; usd "-$p"; pu=$U; usd "$f"; fu=$U; usd "$i"; iu=$U
        local rdl fdu; rdl=$(dlong "$RDATE"); usd "$fd"; fdu=$U
        HDR=("Notice|CP161" "Tax period|December 31, $TY" "Notice date|$NDL"
             "$ID_LABEL|$ID_VALUE" "To contact us|Phone $PHONE" "Page 1 of $PAGES|")
        STUB_HDR=("Notice|CP161" "Notice date|$NDL" "$ID_LABEL|$ID_VALUE")
        HEADLINE="Request for payment of your Form 941 balance"
        KEYS=("Amount due: $tu")
        INTRO=("We couldn't fully apply the deposits and credits shown on your Form 941, Employer's Quarterly Federal Tax Return, for the quarter ending December 31, $TY. As a result, you have a balance due of $tu.")
        LT="Billing Summary"
        ROWS=("Tax you owed|$au" "Payments and credits|$pu" "Failure-to-deposit penalty|$fdu" "Failure-to-pay penalty|$fu" "Interest charges|$iu" "=Amount due by $rdl|$tu")
        RT="What you need to do immediately"
        RIGHT=("• Pay the amount due of $tu by $rdl to avoid more penalty and interest."
               "• If you disagree, call us at the number above or write to us at the address on the payment stub.")
        local pd1 pd2; pd1=$(dlong "$((TY + 1))-01-$((10 + RS % 15))"); pd2=$(dlong "$((TY + 1))-02-$((2 + RS % 20))")
        usd "$p1"; local p1u=$U; usd "$p2"
        NOTES=("#Deposits we received" "We received federal tax deposits of $p1u on $pd1 and $U on $pd2 for this tax period.")
        STUB_LABEL="Amount due by $rdl"; STUB_AMT=$tu
        STUB_TEXT=("Make your check or money order payable to the United States Treasury."
                   "Write your employer ID number ($ID_VALUE), the tax period (December $TY), and the form number (941) on your payment and any correspondence.")
        FOOTER="Notice CP161 (Rev. 06-2022)" ;;
    CP504)
        rand_total 30000 1500000
        pct "$T" 10 40; f=$V; pct "$T" 10 40; i=$V; a=$((T - f - i))
        AMT=$T; RDATE=""
        usd "$T"; tu=$U; usd "$a"; au=$U; usd "$f"; fu=$U; usd "$i"; iu=$U
        ind_header
        HEADLINE="Notice of intent to seize (levy) your property or rights to property"
        KEYS=("Amount due immediately: $tu")
        INTRO=("We previously sent you notices on $d2 and $d1 asking you to pay the balance due on your $TY Form 1040. Because you haven't paid, we intend to seize (levy) your state tax refund and may levy other property or rights to property.")
        LT="Billing Summary"
        ROWS=("Amount you owed on previous notices|$au" "Additional failure-to-pay penalty|$fu" "Additional interest charges|$iu" "=Amount due immediately|$tu")
        RT="What you need to do immediately"
        RIGHT=("• Pay the amount due of $tu immediately."
               "• If you don't pay the amount due or call us to make payment arrangements within 30 days from the date of this notice, we can levy your property."
               "• If you already paid, call us so we can update your account.")
        STUB_LABEL="Amount due immediately"; STUB_AMT=$tu
        std_stub_text "social security number" 1040
        FOOTER="Notice CP504 (Rev. 09-2023)" ;;
    CP90|LT11|LTR1058)
        rand_total 50000 2500000
        pct "$T" 10 40; f=$V; pct "$T" 10 40; i=$V; a=$((T - f - i))
        AMT=$T; RDATE=$(dadd "$NDATE" 30)
        usd "$T"; tu=$U; usd "$a"; au=$U; usd "$f"; fu=$U; usd "$i"; iu=$U
        local rdl; rdl=$(dlong "$RDATE")
        if [[ $type == CP90 ]]; then
            ind_header
            HEADLINE="Intent to seize your assets and notice of your right to a hearing"
            KEYS=("Amount you owe: $tu" "Last day to request a Collection Due Process hearing: $rdl")
            INTRO=("We sent you notices on $d2 and $d1 about the unpaid tax on your $TY Form 1040. This is your notice of our intent to levy under Internal Revenue Code section 6331 and of your right to a Collection Due Process hearing under section 6330.")
            LT="Billing Summary"
            ROWS=("Unpaid amount from prior notices|$au" "Additional penalty|$fu" "Additional interest|$iu" "=Amount you owe|$tu")
            RT="What you need to do immediately"
            RIGHT=("• Pay the amount you owe of $tu immediately."
                   "• If you disagree, request a Collection Due Process hearing using Form 12153. We must receive it by $rdl."
                   "• If you can't pay in full, call us to discuss an installment agreement.")
            STUB_LABEL="Amount due immediately"; STUB_AMT=$tu
            std_stub_text "social security number" 1040
            FOOTER="Notice CP90 (Rev. 04-2022)"
        else
            local lnum="Letter Number: LT11" sig
            pick STAFF; sig=${P#M* }
            if [[ $type == LT11 ]]; then
                L_HDR=("Letter Number: LT11" "Letter Date: $NDL")
                FOOTER="LT11 (Rev. 02-2020)"; CODE_PRINT=LT11
            else
                if chance 50; then lnum="Letter Number: 1058"; else lnum="Letter Number: LTR 1058"; fi
                L_HDR=("Date: $NDL" "$lnum")
                FOOTER="Letter 1058 (Rev. 02-2019)"; CODE_PRINT="Letter 1058"
            fi
            L_HDR+=("Taxpayer Identification Number: $ID_VALUE" "Tax Form: 1040"
                    "Tax Periods: December 31, $TY" "Person to Contact: $STAFFER"
                    "Employee ID Number: 1000$CALLER$((RS % 90 + 10))"
                    "Contact Telephone Number: 800-829-7650"
                    "Hours: 8:00 a.m. to 8:00 p.m. local time")
            L_TITLE=("Final Notice"
                     "Notice of intent to seize (levy) your property or rights to property"
                     "Notice of your right to a hearing")
            KEYS=("Amount you owe: $tu" "Last day to request a Collection Due Process hearing: $rdl")
            L_PARAS1=("Dear ${DEAR^^}:"
                      "We previously asked you to pay the federal tax shown below, but we haven't received full payment. This letter is your notice of our intent to levy under Internal Revenue Code section 6331 and your notice of your right to receive Appeals consideration under section 6330.")
            L_TABLE=("Tax Form|Tax Period|Unpaid Amount from Prior Notices|Additional Penalty|Additional Interest|Amount You Owe"
                     "1040|12/31/$TY|$au|$fu|$iu|$tu")
            L_PARAS2=("Please pay the amount you owe immediately. If you don't pay it, make alternative payment arrangements, or request a Collection Due Process hearing by $rdl, we may seize (levy) your wages, bank accounts, commissions, or other income and property."
                      "To request a hearing, complete Form 12153, Request for a Collection Due Process or Equivalent Hearing, and send it to us at the address above. We last wrote to you about this balance on $d1."
                      "If you have already paid the amount you owe, please call us at the number above so we can correct our records."
                      "Sincerely,")
            L_SIGN=("$sig" "Operations Manager, Collection" ""
                    "Enclosures: Publication 594, Publication 1660, Form 12153, Envelope")
        fi ;;
    CP2000)
        rrange 40000 900000; a=$R; f=$((a / 5)); pct "$a" 30 120; i=$V
        T=$((a + f + i)); AMT=$T; RDATE=$(dadd "$NDATE" 30)
        usd "$T"; tu=$U; usd "$a"; au=$U; usd "$f"; fu=$U; usd "$i"; iu=$U
        local rdl; rdl=$(dlong "$RDATE")
        PHONE="800-829-0922"
        ind_header
        HEADLINE="Proposed changes to your $TY Form 1040"
        KEYS=("Proposed amount due: $tu" "Respond by: $rdl")
        INTRO=("The income and payment information we have on file from third parties, such as employers and banks, doesn't match the information you reported on your $TY tax return. If our information is correct, you will owe $tu, including tax, penalty and interest.")
        LT="Summary of proposed changes"
        ROWS=("Increase in tax|$au" "Accuracy-related penalty|$fu" "Interest charges|$iu" "=Proposed amount due|$tu")
        RT="What you need to do"
        RIGHT=("• Complete the response form and mail it so we receive it by $rdl."
               "• If you agree, sign the form and pay $tu, or ask about a payment plan."
               "• If you disagree, tell us why and send copies of any supporting documents.")
        local inc1 inc2; rrange 60000 900000; inc1=$R; rrange 20000 300000; inc2=$R
        pick PAYERS; local pay1=$P; pick BANKS; local pay2=$P
        usd "$inc1"; local i1=$U; usd "$inc2"
        NOTES=("#Income reported to us but not on your return"
               "row:Form 1099-NEC, $pay1, nonemployee compensation|$i1"
               "row:Form 1099-INT, $pay2, interest income|$U"
               "Interest is figured from April 15, $((TY + 1)) to $rdl.")
        STUB_LABEL="Proposed amount due"; STUB_AMT=$tu
        STUB_TEXT=("Return this response form with your payment so we receive it by $rdl."
                   "Make your check or money order payable to the United States Treasury and write your social security number ($ID_VALUE) and tax year ($TY) on it.")
        FOOTER="Notice CP2000 (Rev. 08-2023)" ;;
    CP3219A)
        local ret cor; rrange 50000 1200000; a=$R; f=$((a / 5))
        rrange 200000 2000000; ret=$R; cor=$((ret + a))
        AMT=""; RDATE=$(dadd "$NDATE" 90)
        usd "$a"; au=$U; usd "$f"; fu=$U
        local rdl; rdl=$(dlong "$RDATE")
        ind_header
        HEADLINE="Notice of Deficiency"
        KEYS=("Deficiency: $au" "Last day to file a petition with the United States Tax Court: $rdl")
        INTRO=("We have determined that there is a deficiency (increase) in your income tax for the tax year ended December 31, $TY. This letter is your NOTICE OF DEFICIENCY, as required by law. The income reported to us by employers and other payers doesn't match the income on your return.")
        LT="Tax year ended December 31, $TY"
        usd "$ret"; local retu=$U; usd "$cor"
        ROWS=("Tax shown on your return|$retu" "Corrected tax|$U" "=Deficiency|$au")
        RT="If you want to contest this in court"
        RIGHT=("• You may file a petition with the United States Tax Court before you pay. The Court must receive it by $rdl. The Court can't extend this deadline."
               "#If you agree"
               "• Sign and return the enclosed waiver, Form 5564. Interest is charged from April 15, $((TY + 1)) until you pay in full.")
        NOTES=("#Penalty" "We also determined a penalty of $fu under IRC section 6662(a).")
        STUB=waiver
        WAIVER=("Tax year ended|December 31, $TY" "Deficiency|$au" "Penalty IRC 6662(a)|$fu")
        FOOTER="Notice CP3219A (Rev. 01-2023)" ;;
    CP12)
        local req dec int r; rrange 80000 700000; req=$R; pct "$req" 80 600; dec=$V
        rrange 0 4000; int=$R; r=$((req - dec + int))
        AMT=""; RDATE=""
        usd "$r"; tu=$U; usd "$req"; local requ=$U; usd "-$dec"; local decu=$U; usd "$int"
        ind_header
        HEADLINE="We changed your $TY Form 1040 to correct a miscalculation"
        KEYS=("Refund amount: $tu")
        INTRO=("We found a miscalculation on your $TY Form 1040 in the refundable credits section. As a result, your refund changed from $requ to $tu.")
        LT="Refund summary"
        ROWS=("Refund you requested|$requ" "Decrease because of our changes|$decu" "Interest we owe you|$U" "=Refund amount|$tu")
        RT="What you need to do"
        RIGHT=("• Compare our changes with the information on your return."
               "• If you agree, you don't need to do anything. You should receive your refund of $tu in 4 to 6 weeks."
               "• If you disagree, contact us within 60 days of the date of this notice.")
        NOTES=("#Other debts" "If you owe other federal tax, state income tax, child support or federal agency debts, we may apply all or part of your refund to those debts.")
        STUB=response
        STUB_LABEL="Response form"
        STUB_TEXT=("[  ] I agree with the changes to my $TY return."
                   "[  ] I disagree. I enclosed an explanation and copies of documents.")
        FOOTER="Notice CP12 (Rev. 10-2022)" ;;
    CP59)
        local w wh; rrange 1800000 9000000; w=$R; pct "$w" 60 160; wh=$V
        AMT=""; RDATE=""
        ind_header
        HEADLINE="We have no record of receiving your $TY personal tax return"
        KEYS=("File your $TY tax return immediately")
        INTRO=("Our records show that you haven't filed your $TY Form 1040, which was due on April 15, $((TY + 1)). Information we received from employers and other payers shows that you had income for $TY.")
        usd "$w"; local wu=$U; usd "$wh"
        NOTES=("#Information we have on file for $TY"
               "row:Wages reported on Form W-2|$wu" "row:Federal income tax withheld|$U")
        RT="What you need to do immediately"
        RIGHT=("• File your $TY tax return and send it with the response form below."
               "• If you already filed, tell us when and where you filed it."
               "• If you don't think you had to file, tell us why on the response form.")
        LT="Your filing requirement"
        ROWS=("Form|1040" "Tax year|$TY" "Return due date|April 15, $((TY + 1))")
        STUB=response
        STUB_LABEL="Response form"
        STUB_TEXT=("[  ] I enclosed my $TY tax return."
                   "[  ] I filed my $TY return on __________________ ."
                   "[  ] I wasn't required to file because ______________________ .")
        FOOTER="Notice CP59 (Rev. 04-2022)" ;;
    *) die "unknown notice type $type" ;;
    esac
    # form revision: never later than the notice itself
    FOOTER=${FOOTER/(Rev. *)/(Rev. $(printf %02d $((RS % 12 + 1)))-$((${NDATE:0:4} - 1 - RS % 2)))}
    # back page (used for 2-page documents)
    local hist=("#Your account history"
                "row:Original return filed|$(dlong "$(dadd "$PREV2" -$((20 + RS % 40)))")"
                "row:Account last updated|$d1"
                "row:Payment received $(dlong "$(dadd "$NDATE" -$((8 + RS % 20)))")|\$$((RS % 9 + 1))00.00")
    PAGE2=("#Additional information"
           "• Visit our website for more information about this notice, payment options and payment plans."
           "• Keep this notice for your records. If you write to us, include a copy of this notice.")
    if [[ -n $AMT ]]; then
        PAGE2+=("#Penalties"
           "Failure-to-pay: we charge a penalty when you don't pay the tax you owe by the due date. The penalty is 1/2 of 1 percent of the unpaid tax for each month or part of a month the tax remains unpaid, up to 25 percent."
           "#Interest charges"
           "We charge interest when you don't pay your tax on time. Interest is figured on the unpaid tax from April 15, $((TY + 1)), and on penalties from the date we charged them, until you pay in full. The interest rate is the federal short-term rate plus 3 percent, set every three months.")
    fi
    PAGE2+=("${hist[@]}"
           "#Payment options"
           "• Pay online directly from your checking or savings account, or by debit or credit card (a processing fee applies)."
           "• Pay by check or money order made payable to the United States Treasury, using the payment stub on the front of this notice."
           "• If you can't pay in full, you may be able to set up a payment plan. Setup fees can be lower if you apply online."
           "#Your rights as a taxpayer"
           "You have the right to challenge our position and be heard, to appeal our decisions in an independent forum, and to retain an authorized representative. The Taxpayer Advocate Service is an independent organization within the IRS that can help protect these rights."
           "#Contact information"
           "If your address has changed, call us or complete Form 8822, Change of Address, and send it to us. If you need assistance, please don't hesitate to call the number on the front of this notice.")
    return 0
}

# ---------------------------------------------------------------- drawing ---
# Pages are 2550x3300 px (8.5x11 in at 300 DPI); sizes below are in pixels
# (10 pt = 42 px at 300 DPI).  Drawing commands are collected as MVG and
# rendered by one `convert` call per page.
PW=2550; PH=3300
emit() { MVG+=("$1"); }
setf() {  # setf FONT SIZE
    [[ $1 == "${CUR_F:-}" ]] || { emit "font '$1'"; CUR_F=$1; }
    [[ $2 == "${CUR_S:-}" ]] || { emit "font-size $2"; CUR_S=$2; }
}
esc() { local s=${1//\\/\\\\}; ES=${s//\'/\\\'}; }
t()  { esc "$3"; emit "text $1,$2 '$ES'"; }                            # left
tR() { esc "$3"; emit "text-anchor end"; emit "text $1,$2 '$ES'"; emit "text-anchor start"; }
tC() { esc "$3"; emit "text-anchor middle"; emit "text $1,$2 '$ES'"; emit "text-anchor start"; }
hline() { emit "stroke black"; emit "stroke-width ${4:-3}"; emit "line $1,$2 $3,$2"; emit "stroke none"; }
box() { emit "fill none"; emit "stroke black"; emit "stroke-width ${5:-3}"; emit "rectangle $1,$2 $3,$4"; emit "stroke none"; emit "fill black"; }
wrap() {  # wrap TEXT MAXCHARS -> WL[]
    local -a words; local w line="" txt=$1
    # keep "Month D, YYYY" together on one line
    while [[ $txt =~ (January|February|March|April|May|June|July|August|September|October|November|December)\ ([0-9]{1,2}),\ ([0-9]{4}) ]]; do
        txt=${txt/"${BASH_REMATCH[0]}"/"${BASH_REMATCH[1]}"$'\x01'"${BASH_REMATCH[2]},"$'\x01'"${BASH_REMATCH[3]}"}
    done
    read -ra words <<<"$txt"
    WL=()
    for w in "${words[@]}"; do
        if [[ -z $line ]]; then line=$w
        elif ((${#line} + 1 + ${#w} <= $2)); then line+=" $w"
        else WL+=("$line"); line=$w; fi
    done
    [[ -n $line ]] && WL+=("$line")
    WL=("${WL[@]//$'\x01'/ }")
    return 0
}
# para X WIDTH FONT SIZE LINEHEIGHT TEXT : draw at baseline Y, advance Y
para() {
    local x=$1 n l ind=""
    n=$(( $2 * 1000 / ($4 * ${FW[$3]}) ))
    setf "$3" "$4"
    if [[ $6 == "• "* ]]; then   # bullet with hanging indent
        wrap "${6#• }" $((n - 2))
        t "$x" "$Y" "•"; ind=$(( $4 * 9 / 10 ))
        for l in "${WL[@]}"; do t $((x + ind)) "$Y" "$l"; Y=$((Y + $5)); done
    else
        wrap "$6" "$n"
        for l in "${WL[@]}"; do t "$x" "$Y" "$l"; Y=$((Y + $5)); done
    fi
}
logo() {  # logo X Y SCALE%  - a plain boxed "IRS" mark (not the real seal)
    local s=${3:-100}
    box "$1" "$2" $(($1 + 220 * s / 100)) $(($2 + 120 * s / 100)) 6
    setf "$F_DVB" $((70 * s / 100))
    tC $(($1 + 110 * s / 100)) $(($2 + 87 * s / 100)) "IRS"
}
# items: "#Heading", "• bullet", "row:label|value", or plain text
items() {  # items X WIDTH SIZE LINEHEIGHT ITEM...
    local x=$1 w=$2 sz=$3 lh=$4 it; shift 4
    for it in "$@"; do
        case $it in
            "#"*) Y=$((Y + lh / 3)); setf "$FB" "$sz"; t "$x" "$Y" "${it#\#}"; Y=$((Y + lh)) ;;
            row:*) it=${it#row:}; setf "$FR" "$sz"
                   t $((x + 40)) "$Y" "${it%%|*}"; tR $((x + w)) "$Y" "${it#*|}"; Y=$((Y + lh)) ;;
            *) para "$x" "$w" "$FR" "$sz" "$lh" "$it"; Y=$((Y + lh / 4)) ;;
        esac
    done
}
kv_block() {  # kv_block XLABEL XVALUE Y0 STEP SIZE BOLDFIRST "label|value"...
    local xl=$1 xv=$2 st=$4 sz=$5 bf=$6 kv i=0
    Y=$3; shift 6
    for kv in "$@"; do
        setf "$FR" "$sz"; t "$xl" "$Y" "${kv%%|*}"
        if ((i == 0 && bf)); then setf "$FB" "$sz"; fi
        t "$xv" "$Y" "${kv#*|}"
        Y=$((Y + st)); i=$((i + 1))
    done
}

render_mvg() {  # render_mvg OUT.png
    convert -size ${PW}x${PH} xc:white -fill black -draw "$(printf '%s\n' "${MVG[@]}")" \
        -colorspace Gray -depth 8 -density 300 -units PixelsPerInch "$1"
}

# CP-notice page 1 (two-column layout with tear-off stub)
layout_cp1() {  # layout_cp1 NOTES_TO_KEEP
    local keep=$1 l ytop yl yr kv lab amt n
    MVG=("fill black"); CUR_F=""; CUR_S=""
    logo 150 150
    setf "$FR" 40; Y=190
    for l in "${SENDER[@]}"; do t 410 "$Y" "$l"; Y=$((Y + 48)); done
    kv_block 1400 1960 190 50 42 1 "${HDR[@]}"
    setf "$FR" 46; Y=630
    for l in "${NAME}" "$ADDR1" "$ADDR2"; do t 300 "$Y" "$l"; Y=$((Y + 54)); done
    Y=$((Y + 90))
    para 150 2250 "$FB" 71 86 "$HEADLINE"
    Y=$((Y + 4))
    for l in "${KEYS[@]}"; do para 150 2250 "$FB" 54 70 "$l"; done
    Y=$((Y + 30))
    for l in "${INTRO[@]}"; do para 150 2250 "$FR" 44 55 "$l"; Y=$((Y + 18)); done
    # columns
    ytop=$((Y + 40))
    Y=$ytop
    if ((${#ROWS[@]})); then
        setf "$FB" 50; t 150 "$Y" "$LT"; Y=$((Y + 22)); hline 150 "$Y" 1200 4; Y=$((Y + 62))
        for kv in "${ROWS[@]}"; do
            lab=${kv%%|*}; amt=${kv#*|}
            if [[ $lab == =* ]]; then
                lab=${lab#=}; hline 150 $((Y - 48)) 1200 3; Y=$((Y + 6))
                n=$(( 830 * 1000 / (42 * ${FW[$FB]}) )); wrap "$lab" "$n"; setf "$FB" 42
            else
                n=$(( 830 * 1000 / (42 * ${FW[$FR]}) )); wrap "$lab" "$n"; setf "$FR" 42
            fi
            for l in "${WL[@]}"; do t 150 "$Y" "$l"; Y=$((Y + 54)); done
            tR 1200 $((Y - 54)) "$amt"; Y=$((Y + 8))
        done
    fi
    yl=$Y
    Y=$ytop
    if ((${#RIGHT[@]})); then
        setf "$FB" 50; t 1350 "$Y" "$RT"; Y=$((Y + 22)); hline 1350 "$Y" 2400 4; Y=$((Y + 50))
        items 1350 1050 42 51 "${RIGHT[@]}"
    fi
    yr=$Y
    Y=$(( (yl > yr ? yl : yr) + 20 ))
    ((${#NOTES[@]})) && items 150 2250 42 51 "${NOTES[@]:0:keep}"
    Y_END=$Y
    setf "$FR" 33
    t 150 2215 "$FOOTER"
    tR 2400 2215 "Continued on back..."
    case $STUB in
        pay|response) stub_pay ;;
        waiver) stub_waiver ;;
    esac
}

stub_pay() {
    local y0=2270 l
    emit "stroke black"; emit "stroke-width 3"; emit "stroke-dasharray 22 14"
    emit "line 60,$y0 2490,$y0"; emit "stroke-dasharray none"; emit "stroke none"
    setf "$FR" 30; tC 1275 $((y0 + 40)) "Detach here and return this part with your payment or response"
    logo 150 $((y0 + 80)) 70
    setf "$FR" 38
    t 330 $((y0 + 125)) "Department of the Treasury"; t 330 $((y0 + 170)) "Internal Revenue Service"
    kv_block 1400 1960 $((y0 + 115)) 50 40 1 "${STUB_HDR[@]}"
    if [[ $STUB == pay ]]; then
        box 1330 $((y0 + 285)) 2420 $((y0 + 460)) 4
        setf "$FB" 42
        local n=$(( 1040 * 1000 / (42 * ${FW[$FB]}) ))
        wrap "$STUB_LABEL" $((n - ${#STUB_AMT} - 2))
        if ((${#WL[@]} == 1)); then
            t 1360 $((y0 + 390)) "${WL[0]}"; tR 2395 $((y0 + 390)) "$STUB_AMT"
        else
            t 1360 $((y0 + 355)) "${WL[0]}"; t 1360 $((y0 + 425)) "${WL[*]:1}"
            tR 2395 $((y0 + 425)) "$STUB_AMT"
        fi
        setf "$FR" 42; t 1360 $((y0 + 530)) "Amount you are paying"
        box 1980 $((y0 + 480)) 2420 $((y0 + 560)) 3
        setf "$FR" 42; t 1995 $((y0 + 533)) "\$"
        Y=$((y0 + 290))
        for l in "${STUB_TEXT[@]}"; do para 150 1100 "$FR" 40 52 "$l"; Y=$((Y + 16)); done
    else
        setf "$FB" 46; t 150 $((y0 + 320)) "$STUB_LABEL"
        Y=$((y0 + 390))
        for l in "${STUB_TEXT[@]}"; do para 150 2200 "$FR" 42 54 "$l"; Y=$((Y + 24)); done
        setf "$FR" 42; t 1400 $((y0 + 320)) "Daytime phone number  (____) ____-________"
    fi
    setf "$FR" 42; Y=$((y0 + 680))
    for l in "$NAME" "$ADDR1" "$ADDR2"; do t 150 "$Y" "$l"; Y=$((Y + 52)); done
    setf "$FB" 46; Y=$((y0 + 680))
    for l in "INTERNAL REVENUE SERVICE" "$REMIT_CITY"; do t 1400 "$Y" "$l"; Y=$((Y + 56)); done
    setf "$F_MONO" 46
    t 300 $((y0 + 930)) "0000000000 00 0000 00 0 000000 000 00000000000"
}

stub_waiver() {
    local y0=2270 kv
    emit "stroke black"; emit "stroke-width 3"; emit "stroke-dasharray 22 14"
    emit "line 60,$y0 2490,$y0"; emit "stroke-dasharray none"; emit "stroke none"
    setf "$FB" 54; t 150 $((y0 + 110)) "Form 5564  Notice of Deficiency - Waiver"
    setf "$FR" 40
    t 150 $((y0 + 175)) "$NAME   $ID_LABEL $ID_VALUE"
    Y=$((y0 + 250))
    for kv in "${WAIVER[@]}"; do
        setf "$FR" 42; t 150 "$Y" "${kv%%|*}"; tR 1300 "$Y" "${kv#*|}"; Y=$((Y + 56))
    done
    Y=$((y0 + 470))
    para 150 2250 "$FR" 40 52 "I consent to the immediate assessment and collection of any deficiency (increase in tax and penalties) shown above, plus any interest provided by law. I understand that by signing this waiver, I will not be able to contest these amounts in the United States Tax Court."
    Y=$((Y + 80))
    hline 150 "$Y" 1300 3; hline 1500 "$Y" 2200 3
    setf "$FR" 36; t 150 $((Y + 45)) "Your signature"; t 1500 $((Y + 45)) "Date"
    Y=$((Y + 170))
    hline 150 "$Y" 1300 3; hline 1500 "$Y" 2200 3
    t 150 $((Y + 45)) "Spouse's signature, if a joint return was filed"; t 1500 $((Y + 45)) "Date"
}

# back of a CP notice
layout_cp2() {
    MVG=("fill black"); CUR_F=""; CUR_S=""
    setf "$FR" 38
    kv_block 1550 2020 170 46 38 0 "${STUB_HDR[@]}" "Page 2 of $PAGES|"
    Y=480
    items 150 2250 44 58 "${PAGE2[@]}"
    setf "$FR" 33; t 150 3150 "$FOOTER"
}

# letter layout (LT11 / Letter 1058)
layout_letter() {
    local l c x cols i n
    MVG=("fill black"); CUR_F=""; CUR_S=""
    logo 150 150 80
    setf "$FR" 42; Y=190
    for l in "${SENDER[@]}"; do t 360 "$Y" "$l"; Y=$((Y + 50)); done
    Y=190
    for l in "${L_HDR[@]}"; do
        setf "$FR" 42; t 1300 "$Y" "$l"; Y=$((Y + 52))
    done
    setf "$FR" 46; Y=$(( Y > 720 ? Y + 40 : 720 ))
    for l in "$NAME" "$ADDR1" "$ADDR2"; do t 300 "$Y" "$l"; Y=$((Y + 54)); done
    Y=$((Y + 100))
    for l in "${L_TITLE[@]}"; do para 150 2250 "$FB" 54 66 "$l"; done
    Y=$((Y + 30))
    for l in "${KEYS[@]}"; do para 150 2250 "$FB" 48 62 "$l"; done
    Y=$((Y + 40))
    for l in "${L_PARAS1[@]}"; do para 150 2250 "$FR" 46 58 "$l"; Y=$((Y + 26)); done
    # table
    cols=(150 400 1100 1550 2000 2400)   # col 0,1 left-aligned; others right edges
    Y=$((Y + 10))
    local -a head; IFS='|' read -ra head <<<"${L_TABLE[0]}"
    hline 150 $((Y - 45)) 2400 3
    local y0=$Y ymax=$Y
    for i in "${!head[@]}"; do
        Y=$y0
        n=$(( (i < 2 ? 250 : 300) * 1000 / (40 * ${FW[$FB]}) ))
        wrap "${head[i]}" "$n"; setf "$FB" 40
        for l in "${WL[@]}"; do
            if ((i < 2)); then t "${cols[i]}" "$Y" "$l"; else tR "${cols[i]}" "$Y" "$l"; fi
            Y=$((Y + 48))
        done
        ((Y > ymax)) && ymax=$Y
    done
    Y=$ymax; hline 150 $((Y - 30)) 2400 2; Y=$((Y + 30))
    for ((c = 1; c < ${#L_TABLE[@]}; c++)); do
        IFS='|' read -ra head <<<"${L_TABLE[c]}"
        setf "$FR" 44
        for i in "${!head[@]}"; do
            if ((i < 2)); then t "${cols[i]}" "$Y" "${head[i]}"; else tR "${cols[i]}" "$Y" "${head[i]}"; fi
        done
        Y=$((Y + 60))
    done
    hline 150 $((Y - 35)) 2400 3
    Y=$((Y + 60))
    for l in "${L_PARAS2[@]}"; do para 150 2250 "$FR" 46 58 "$l"; Y=$((Y + 26)); done
    Y=$((Y + 60))
    for l in "${L_SIGN[@]}"; do setf "$FR" 46; t 150 "$Y" "$l"; Y=$((Y + 58)); done
    Y_END=$Y
    setf "$FR" 36; t 150 3150 "$FOOTER"; tR 2400 3150 "Page 1 of 2"
}

# render_doc PREFIX [P2] -> PREFIX.p1.png (and PREFIX.p2.png if P2=1)
render_doc() {
    local keep p2=${2:-0}
    if [[ $LAYOUT == letter ]]; then
        layout_letter
        ((Y_END < 3130)) || echo "$PROG: warning: letter text overflows ($Y_END)" >&2
    else
        keep=${#NOTES[@]}
        while :; do
            layout_cp1 "$keep"
            ((Y_END <= 2200 || keep == 0)) && break
            keep=$((keep - 1))   # drop the last note, and its heading
            while ((keep > 0)) && [[ ${NOTES[keep - 1]} == "#"* ]]; do keep=$((keep - 1)); done
        done
        ((Y_END <= 2200)) || echo "$PROG: warning: $TYPE page 1 overflows ($Y_END)" >&2
    fi
    render_mvg "$1.p1.png"
    if [[ $LAYOUT == cp ]] && ((p2)); then
        layout_cp2
        render_mvg "$1.p2.png"
    fi
}

# ------------------------------------------------------------ degradations --
# EXIF: write a minimal APP1/Exif segment with only the Orientation tag in
# place of the JFIF APP0 segment that ImageMagick writes (IM6 does not write
# -orient into a JPEG that has no EXIF profile).
set_exif_orientation() {  # set_exif_orientation FILE.jpg 1..8
    local f=$1 o=$2 hdr
    hdr=$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')
    [[ $hdr == ffd8ffe0 ]] || die "unexpected JPEG header in $f ($hdr)"
    local app0len; app0len=$(head -c 6 "$f" | tail -c 2 | od -An -tu1 | awk '{print $1*256+$2}')
    {
        printf '\xff\xd8\xff\xe1\x00\x22Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08'
        # shellcheck disable=SC2059  # the orientation byte is an escape
        printf '\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00'"\\x0$o"'\x00\x00\x00\x00\x00\x00'
        tail -c +$((4 + app0len + 1)) "$f"
    } >"$f.tmp"
    mv "$f.tmp" "$f"
    local got; got=$(identify -format '%[orientation]' "$f")
    local want; case $o in 1) want=TopLeft ;; 3) want=BottomRight ;; 6) want=RightTop ;; 8) want=LeftBottom ;; esac
    [[ $got == "$want" ]] || die "EXIF orientation check failed for $f: got '$got', want '$want'"
}

# deg_scan PAGE.png OUT.{png,tif} [g4]
deg_scan() {
    case $2 in
        *.png) convert "$1" -density 300 -units PixelsPerInch -type Grayscale -depth 8 \
                   -define png:compression-level=9 -define png:exclude-chunks=date,time "$2" ;;
        *.tif) if [[ ${3:-} == g4 ]]; then
                   convert "$1" -threshold 60% -type Bilevel -compress Group4 \
                       -density 300 -units PixelsPerInch "$2"
               else
                   convert "$1" -type Grayscale -depth 8 -compress LZW \
                       -density 300 -units PixelsPerInch "$2"
               fi ;;
        *) die "deg_scan: unsupported output $2" ;;
    esac
}

# deg_office OUT.tif ANGLE(deg) DPI PAPER%(white level) NOISE BLUR SEED PAGE.png...
# Skew as on a flatbed, greyish paper, sensor noise (attenuate, ~0.1-0.5), optics blur, optional
# downsampling to 200 DPI.  Several pages make a multi-page TIFF.
deg_office() {
    local out=$1 ang=$2 dpi=$3 paper=$4 noise=$5 blur=$6 seed=$7 p n=0; shift 7
    local -a args=()
    for p in "$@"; do
        n=$((n + 1))
        args+=( "(" "$p" -virtual-pixel white -distort SRT "$ang" -blur "0x$blur" )
        ((dpi != 300)) && args+=( -resize "$((PW * dpi / 300))x$((PH * dpi / 300))!" )
        # noise, then 16 grey levels (as 4-bit scanner modes do; also keeps
        # the Zip-compressed TIFF small)
        args+=( +level "4%,$paper%" -seed $((seed + n)) -attenuate "$noise" +noise Gaussian
                -posterize 16 -density "$dpi" -units PixelsPerInch ")" )
        ang=$(awk -v a="$ang" 'BEGIN{print -a * 0.6}')   # the back sits differently
    done
    convert "${args[@]}" -type Grayscale -depth 8 -compress Zip "$out"
}

# deg_phone OUT.jpg PAGE.png key=value...
#   fill=70 (page area, % of frame)  tilt=40 (perspective, per mille)
#   rot=2.0 (deg)  ox,oy (-800..800, page offset)  shadow=30 (%)  light=25 (%)
#   tint=1  blur=0.8  q=80  bg=wood|cloth  orient=1|3|6|8|flip  long=3000
#   land=0|1 (frame 3000x2250 shown landscape)  seed=N  noise=0.3
#   band=0..3 (which way the shadow band falls; default: from the seed)
deg_phone() {
    local out=$1 page=$2 kv; shift 2
    local fill=70 tilt=40 rot=2 ox=0 oy=0 shadow=30 light=25 tint=1 blur=0.8 q=80
    local bg=wood orient=1 long=3000 land=0 seed=1 noise=0.3 band=
    for kv in "$@"; do
        case ${kv%%=*} in
            fill|tilt|rot|ox|oy|shadow|light|tint|blur|q|bg|orient|long|land|seed|noise|band)
                printf -v "${kv%%=*}" '%s' "${kv#*=}" ;;
            *) die "deg_phone: bad parameter $kv" ;;
        esac
    done
    local fw=2250 fh=3000 geo sw sh
    ((land)) && { fw=3000; fh=2250; }
    local tmp; tmp=$(mktemp -d "$TMPROOT/phone.XXXXXX")
    # our own generator for the corner jitter and the shadow band (awk's
    # rand() differs between mawk and gawk)
    local saved_rs=$RS jit="" k
    seed_rng "$seed"
    for k in 1 2 3 4 5 6 7 8; do rnd 1001; jit+="$((R - 500)) "; done
    rnd 4; local bside=$R; rrange 180 360; local bw=$R; rnd 501; local ba=$R
    RS=$saved_rs
    [[ -n $band ]] && bside=$band
    # --- geometry: destination corners of the page (awk for the trig)
    geo=$(awk -v FW=$fw -v FH=$fh -v fill="$fill" -v tilt="$tilt" -v rot="$rot" \
              -v ox="$ox" -v oy="$oy" -v jit="$jit" -v PW=$PW -v PH=$PH 'BEGIN{
        split(jit, J, " ")
        Hp = sqrt(fill / 100 * FW * FH * 11 / 8.5); Wp = Hp * 8.5 / 11
        if (Wp > FW * 0.95) { Wp = FW * 0.95; Hp = Wp * 11 / 8.5 }
        if (Hp > FH * 0.97) { Hp = FH * 0.97; Wp = Hp * 8.5 / 11 }
        a = rot * 3.14159265 / 180; c = cos(a); s = sin(a)
        for (i = 0; i < 4; i++) { jx[i] = J[2 * i + 1] / 1000 * 0.03; jy[i] = J[2 * i + 2] / 1000 * 0.02 }
        # shrink the page until all four corners are inside the frame
        for (k = 1; k > 0.3; k -= 0.02) {
            w = Wp * k; h = Hp * k
            cx = FW / 2 + ox / 1000 * (FW - w) / 2; cy = FH / 2 + oy / 1000 * (FH - h) / 2
            tw = w * (1 - tilt / 1000); bw = w * (1 + tilt / 3000)
            x[0] = -tw / 2; y[0] = -h / 2; x[1] = tw / 2; y[1] = -h / 2
            x[2] = bw / 2;  y[2] = h / 2;  x[3] = -bw / 2; y[3] = h / 2
            ok = 1
            for (i = 0; i < 4; i++) {
                X[i] = cx + (x[i] + jx[i] * w) * c - (y[i] + jy[i] * h) * s
                Y[i] = cy + (x[i] + jx[i] * w) * s + (y[i] + jy[i] * h) * c
                if (X[i] < FW * 0.01 || X[i] > FW * 0.99 || Y[i] < FH * 0.01 || Y[i] > FH * 0.99) ok = 0
            }
            if (ok) break
        }
        Wp = w; Hp = h
        # the page is first resized to about its final size (faster distort)
        sc = Wp / PW; if (sc > 1) sc = 1; SW = int(PW * sc + 0.5); SH = int(PH * sc + 0.5)
        sx[0] = 0; sy[0] = 0; sx[1] = SW; sy[1] = 0; sx[2] = SW; sy[2] = SH; sx[3] = 0; sy[3] = SH
        out = ""
        for (i = 0; i < 4; i++) out = out sprintf("%d,%d %.1f,%.1f ", sx[i], sy[i], X[i], Y[i])
        # page bbox (for the shadow band and the object placement)
        printf "%s|%d|%d|%d|%d|%dx%d\n", out, cx - Wp / 2, cy - Hp / 2, cx + Wp / 2, cy + Hp / 2, SW, SH
    }')
    local corners=${geo%%|*} bb=${geo#*|}
    local bx0 by0 bx1 by1 psize; IFS='|' read -r bx0 by0 bx1 by1 psize <<<"$bb"
    sw=$((fw / 8)); sh=$((fh / 8))
    # --- background texture (made small, then enlarged)
    local -a bgargs
    if [[ $bg == wood ]]; then
        bgargs=( -size "${sw}x${sh}" xc: -seed "$seed" +noise Random -channel G -separate +channel
                 -virtual-pixel tile -motion-blur 0x18+$((90 * (seed % 2))) -auto-level
                 "(" -size "${sw}x${sh}" -seed $((seed + 1)) plasma:gray60-gray90 -colorspace Gray ")"
                 -compose Multiply -composite -auto-level -resize "${fw}x${fh}!"
                 +level-colors "#3d2412,#b9854f" )
    else
        bgargs=( -size $((fw / 3))x$((fh / 3)) xc: -seed "$seed" +noise Random -channel G -separate +channel
                 "(" +clone -motion-blur 0x4+0 ")" "(" -clone 0 -motion-blur 0x4+90 ")" -delete 0
                 -compose Multiply -composite -auto-level
                 "(" -size $((fw / 3))x$((fh / 3)) -seed $((seed + 1)) plasma:gray70-gray95 -colorspace Gray ")"
                 -compose Multiply -composite -resize "${fw}x${fh}!"
                 +level-colors "#1f2f4a,#8fa3c4" )
    fi
    # a dark object (phone / notebook) at an edge, mostly outside the page
    local ob
    if ((bx0 > fw - bx1)); then ob="roundrectangle -60,$((fh / 5)) $((bx0 - 25)),$((fh / 5 + fh / 3)) 40,40"
    else ob="roundrectangle $((bx1 + 25)),$((fh / 2)) $((fw + 60)),$((fh / 2 + fh / 3)) 40,40"; fi
    convert "${bgargs[@]}" -fill "#141416" -draw "$ob" "$tmp/bg.miff"
    # --- light map: gradient * shadow band * warm tint (small, then enlarged)
    local g1=$((100 - light / 3)) g2=$((100 - light)) g3=100
    local band; band=$(awk -v side="$bside" -v w="$bw" -v r="$ba" -v W=$sw -v H=$sh 'BEGIN{
        w = w / 1000; r = r / 1000
        if (side == 0) { a = r * W * 0.5; printf "%d,-10 %d,-10 %d,%d %d,%d", a, a + W * w, a + W * w * 2.2, H + 10, a + W * w * 1.2, H + 10 }
        else if (side == 1) { a = r * H * 0.5; printf "-10,%d -10,%d %d,%d %d,%d", a, a + H * w, W + 10, a + H * w * 2, W + 10, a + H * w * 0.8 }
        else if (side == 2) { printf "%d,-10 %d,-10 %d,%d %d,%d", W * (0.35 + w), W + 10, W + 10, H * 0.75, W * (0.55 + w), H * 0.45 }
        else { printf "-10,%d %d,%d %d,%d -10,%d", H * 0.45, W * 0.6, H + 10, W * 0.25, H + 10, H + 10 }
    }')
    local tintc="rgb(255,255,255)"
    ((tint)) && tintc="rgb(255,$((236 - seed % 8)),$((196 - seed % 15)))"
    convert -size "${sw}x${sh}" xc: -sparse-color Barycentric \
            "0,0 gray($g1%) $sw,$((sh / 3)) gray($g3%) $((sw / 3)),$sh gray($g2%)" \
        "(" -size "${sw}x${sh}" xc:white -fill "gray($((100 - shadow))%)" -draw "polygon $band" \
            -blur 0x$((sw / 60 + 2)) ")" -compose Multiply -composite \
        "(" -size "${sw}x${sh}" "xc:$tintc" ")" -compose Multiply -composite \
        -resize "${fw}x${fh}!" "$tmp/light.miff"
    # --- page: paper colour, perspective, drop shadow, composite, light, optics
    convert "$page" -resize "$psize!" -colorspace sRGB +level-colors "#202020,#f6f3ec" -alpha set \
        -virtual-pixel transparent -define distort:viewport=${fw}x${fh}+0+0 \
        -distort Perspective "$corners" "$tmp/page.miff"
    convert "$tmp/bg.miff" \
        "(" "$tmp/page.miff" -alpha extract -resize 12.5% -blur 0x4 -resize "${fw}x${fh}!" \
            -roll +14+22 -negate +level 40%,100% ")" -compose Multiply -composite \
        "$tmp/page.miff" -compose Over -composite \
        "$tmp/light.miff" -compose Multiply -composite \
        -blur "0x$blur" -seed "$seed" -attenuate "$noise" +noise Gaussian \
        -resize "${long}x${long}>" "$tmp/frame.miff"
    # --- storage orientation
    local -a rotargs=()
    case $orient in
        1) ;;
        3|flip) rotargs=(-rotate 180) ;;
        6) rotargs=(-rotate 270) ;;   # viewer turns it 90 deg clockwise
        8) rotargs=(-rotate 90) ;;    # viewer turns it 90 deg counter-clockwise
        *) die "deg_phone: bad orient $orient" ;;
    esac
    convert "$tmp/frame.miff" "${rotargs[@]}" -strip -sampling-factor 2x2 -quality "$q" "$out"
    case $orient in 3|6|8) set_exif_orientation "$out" "$orient" ;; esac
    rm -rf "$tmp"
}

# deg_hardscan OUT.jpg PAGE.png WIDTH BLUR QUALITY SHADE% FLIP(0|1) SEED
# A poor scan/fax: low resolution, uneven shading, blur, heavy JPEG, maybe
# upside down (no EXIF tag).
deg_hardscan() {
    local out=$1 page=$2 w=$3 blur=$4 q=$5 shade=$6 flip=$7 seed=$8 h
    h=$((w * PH / PW))
    local -a rot=(); ((flip)) && rot=(-rotate 180)
    convert "$page" -resize "${w}x${h}!" \
        "(" -size "${w}x${h}" xc: -sparse-color Barycentric \
            "0,0 gray(100%) $w,$((h / 2)) gray($((100 - shade / 2))%) $((w / 4)),$h gray($((100 - shade))%)" ")" \
        -compose Multiply -composite -blur "0x$blur" -seed "$seed" -attenuate 0.4 +noise Gaussian \
        "${rot[@]}" -colorspace Gray -strip -quality "$q" "$out"
}

# ------------------------------------------------------------------ output --
write_expected() {  # write_expected DIR FILE KIND
    local amt=null rd=null
    [[ -n $AMT ]] && amt="\"$(plain_amount "$AMT")\""
    [[ -n $RDATE ]] && rd="\"$RDATE\""
    cat >"$1/${2%.*}.expected.json" <<JSON
{
  "source": "$2",
  "kind": "$3",
  "expected": {
    "notice_code": "$EXP_CODE",
    "tax_year": $TY,
    "amount_due": $amt,
    "response_date": $rd,
    "notice_date": "$NDATE"
  }
}
JSON
}

keep_pages() {  # keep_pages PREFIX DIR NAME
    ((KEEP_PAGES)) || return 0
    cp "$1.p1.png" "$2/${3%.*}.page1.png"
    [[ -f $1.p2.png ]] && cp "$1.p2.png" "$2/${3%.*}.page2.png"
    return 0
}

# One committed sample: sample NAME KIND TYPE SEED FONT -- degradation args
sample() {
    local name=$1 kind=$2 type=$3 seed=$4 font=$5; shift 5
    local pre="$TMPROOT/${name%.*}"
    seed_rng "$seed"
    FIX_FONT=$font gen_doc "$type"
    render_doc "$pre" "$([[ ${1:-} == 2page ]] && echo 1 || echo 0)"
    case $kind in
        scan) deg_scan "$pre.p1.png" "$OUT/$name" "$@" ;;
        office-scan)
            if [[ ${1:-} == 2page ]]; then shift; deg_office "$OUT/$name" "$@" "$pre.p1.png" "$pre.p2.png"
            else deg_office "$OUT/$name" "$@" "$pre.p1.png"; fi ;;
        phone) deg_phone "$OUT/$name" "$pre.p1.png" "$@" ;;
    esac
    keep_pages "$pre" "$OUT" "$name"
    write_expected "$OUT" "$name" "$kind"
    echo "  $name  ($type, $kind)"
}

make_committed_set() {
    echo "Writing the sample set to $OUT"
    run_job sample_cp14
    run_job sample cp504-office.tif   office-scan CP504   504  liberation 2.6 200 93 0.25 0.7 504
    run_job sample cp2000-phone.jpg   phone       CP2000  2000 dejavu \
        fill=70 tilt=45 rot=-2.5 ox=-200 oy=150 shadow=35 light=28 tint=1 blur=0.9 q=80 bg=wood long=3000 seed=2000 band=1
    run_job sample ltr1058-scan.png   scan        LTR1058 1058 liberation
    run_job sample cp3219a-scan.png   scan        CP3219A 3219 dejavu
    run_job sample cp161-scan.tif     scan        CP161   161  liberation g4
    run_job sample cp12-scan.png      scan        CP12    12   liberation
    run_job sample cp90-phone-exif.jpg phone      CP90    90   dejavu \
        fill=72 tilt=30 rot=3 ox=150 oy=-100 shadow=25 light=22 tint=1 blur=0.9 q=78 bg=cloth orient=6 long=2400 seed=90
    run_job sample cp503-2page-office.tif office-scan CP503 503 dejavu 2page -1.8 200 94 0.2 0.8 503
    run_job sample cp501-phone-upside-down.jpg phone CP501 501 liberation \
        fill=60 tilt=60 rot=-4 ox=300 oy=200 shadow=35 light=30 tint=1 blur=1.0 q=76 bg=wood orient=flip long=2200 seed=501
    wait_jobs
    sample_heic
}
# The iPhone's default format: the CP2000 photo again as HEIC, at a phone's usual size.
sample_heic() {
    convert "$OUT/cp2000-phone.jpg" -resize 2016x -quality 50 "$OUT/cp2000-phone.heic" || {
        echo "  (this ImageMagick cannot write HEIC: cp2000-phone.heic not made)" >&2; return 0; }
    sed 's/"cp2000-phone.jpg"/"cp2000-phone.heic"/' "$OUT/cp2000-phone.expected.json" >"$OUT/cp2000-phone.heic.expected.json"
    echo "  cp2000-phone.heic  (CP2000, phone, HEIC)"
}
sample_cp14() {   # the README's reference values
    FIX_NAME="DANA R. EXAMPLE" FIX_ADDR1="418 MAPLE HOLLOW RD" FIX_ADDR2="SPRINGFIELD, IL 62704" \
    FIX_TY=2023 FIX_NDATE=2024-03-11 FIX_TOTAL=241786 \
        sample cp14-scan.png scan CP14 14 dejavu
}

# ------------------------------------------------------------ evaluation ----
fl() { rrange "$1" "$2"; F=$(awk -v r="$R" -v d="${3:-10}" 'BEGIN{printf "%.1f", r / d}'); }

eval_doc() {  # eval_doc INDEX
    local i=$1 name kind ext type desc pre p
    local -a a=()
    seed_rng $(( (SEED * 100003 + i * 7919) % 2147483647 ))
    # balanced rather than independent draws: any 15 consecutive documents
    # cover every notice type, any 20 the kinds in proportion 5:4:7:4
    type=${CP_TYPES[(i * 4 + SEED) % ${#CP_TYPES[@]}]}
    local slot=$(( (i * 7 + SEED * 3) % 20 ))
    gen_doc "$type"
    pre="$TMPROOT/doc-$i"
    name=$(printf 'doc-%04d' "$i")
    if ((slot < 5)); then kind=scan
    elif ((slot < 9)); then kind=office-scan
    elif ((slot < 16)); then kind=phone
    else kind=hard; fi
    local twopage=0
    [[ $kind == office-scan && $LAYOUT == cp ]] && chance 25 && twopage=1
    render_doc "$pre" "$twopage"
    local dseed=$(( (SEED * 31 + i) % 100000 ))
    case $kind in
    scan)
        rnd 10
        if ((R < 7)); then ext=png; deg_scan "$pre.p1.png" "$OUT/$name.png"; desc="clean png"
        elif ((R < 9)); then ext=tif; deg_scan "$pre.p1.png" "$OUT/$name.tif"; desc="clean tiff-lzw"
        else ext=tif; deg_scan "$pre.p1.png" "$OUT/$name.tif" g4; desc="bilevel tiff-g4"; fi ;;
    office-scan)
        ext=tif
        local ang dpi paper noise blur pages=("$pre.p1.png")
        fl 10 40; ang=$F; chance 50 && ang=-$ang
        rnd 2; dpi=$((R ? 200 : 300))
        rrange 88 97; paper=$R
        fl 1 5; noise=$F; fl 3 10; blur=$F
        ((twopage)) && pages+=("$pre.p2.png")
        deg_office "$OUT/$name.tif" "$ang" "$dpi" "$paper" "$noise" "$blur" "$dseed" "${pages[@]}"
        desc="skew=$ang dpi=$dpi paper=$paper noise=$noise blur=$blur pages=${#pages[@]}" ;;
    hard)
        ext=jpg
        if chance 35; then
            local w blur q shade flip=0
            rrange 1100 1300; w=$R; fl 8 18; blur=$F; rrange 25 45; q=$R; rrange 20 50; shade=$R
            chance 40 && flip=1
            deg_hardscan "$OUT/$name.jpg" "$pre.p1.png" "$w" "$blur" "$q" "$shade" "$flip" "$dseed"
            desc="scan-based width=$w blur=$blur q=$q shade=$shade flip180=$flip"
        else
            phone_args hard
            deg_phone "$OUT/$name.jpg" "$pre.p1.png" "${a[@]}"
            desc="phone-based ${a[*]}"
        fi ;;
    phone)
        ext=jpg
        phone_args phone
        deg_phone "$OUT/$name.jpg" "$pre.p1.png" "${a[@]}"
        desc="${a[*]}" ;;
    esac
    keep_pages "$pre" "$OUT" "$name.$ext"
    write_expected "$OUT" "$name.$ext" "$kind"
    printf '%s\t%s\t%s\t%s\n' "$name.$ext" "$kind" "$type" "$desc" >"$OUT/.manifest.$i"
    rm -f "$pre".p*.png
}

# phone_args phone|hard -> a[] (deg_phone parameters); uses dseed
phone_args() {  # a[] must be declared by the caller
    a=("seed=$dseed")
    local land=0
    rnd 2; if ((R == 0)); then a+=(bg=wood); else a+=(bg=cloth); fi
    chance 15 && land=1
    if ((land)); then a+=(land=1 fill=50); else rrange 50 85; a+=("fill=$R"); fi
    rrange -700 700; a+=("ox=$R"); rrange -700 700; a+=("oy=$R")
    chance 75 && a+=(tint=1) || a+=(tint=0)
    if [[ $1 == phone ]]; then
        rrange 0 80; a+=("tilt=$R"); fl -50 50; a+=("rot=$F")
        rrange 15 40; a+=("shadow=$R"); rrange 10 35; a+=("light=$R")
        fl 5 12; a+=("blur=$F"); rrange 75 88; a+=("q=$R")
        rrange 2000 3000; a+=("long=$R")
        rnd 100
        if ((R < 65)); then a+=(orient=1)
        elif ((R < 80)); then a+=(orient=6)
        elif ((R < 90)); then a+=(orient=8)
        else a+=(orient=3); fi
    else
        rrange 40 120; a+=("tilt=$R"); fl -90 90; a+=("rot=$F")
        rrange 40 65; a+=("shadow=$R"); rrange 25 50; a+=("light=$R")
        fl 10 22; a+=("blur=$F"); rrange 25 45; a+=("q=$R")
        rrange 1500 1700; a+=("long=$R") ; a+=(noise=0.6)
        chance 40 && a+=(orient=flip) || a+=(orient=1)
    fi
}

make_eval_set() {
    local i
    echo "Writing $EVAL evaluation documents to $OUT (seed $SEED, $JOBS jobs)"
    for ((i = 1; i <= EVAL; i++)); do run_job eval_doc "$i"; done
    wait_jobs
    { printf 'file\tkind\tnotice_type\tdegradations\n'
      for ((i = 1; i <= EVAL; i++)); do cat "$OUT/.manifest.$i"; rm -f "$OUT/.manifest.$i"; done
    } >"$OUT/manifest.tsv"
    echo "Done: $EVAL documents, see $OUT/manifest.tsv"
}

# ------------------------------------------------------------- job runner ---
NRUN=0
run_job() {
    if ((NRUN >= JOBS)); then
        wait -n || die "a document failed to render (see messages above)"
        NRUN=$((NRUN - 1))
    fi
    ( "$@" ) &
    NRUN=$((NRUN + 1))
}
wait_jobs() {
    while ((NRUN > 0)); do
        wait -n || die "a document failed to render (see messages above)"
        NRUN=$((NRUN - 1))
    done
}

main() {
    mkdir -p "$OUT" || die "cannot create $OUT"
    OUT=$(cd "$OUT" && pwd)
    if ((JOBS > 1)) && [[ -z ${MAGICK_THREAD_LIMIT:-} ]]; then export MAGICK_THREAD_LIMIT=1; fi
    if ((EVAL > 0)); then make_eval_set; else make_committed_set; fi
}

if [[ ${MAKE_SAMPLES_LIB:-0} == 0 ]]; then main; fi
