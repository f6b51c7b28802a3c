"""Japanese copy: spoken SNS/UGC style, friendly です/ます, short sentences; no spaces, join="".

Slot values arrive as kanji numerals ({price} = "千九百八十円", {rating} = "四点七"), so the
frames put counters and units around them (「星{rating}」「{reviews}件」「{discount}オフ」).
{benefit} and {term} may be a noun phrase or a whole phrase: they stand before 「。」 or are
introduced with 「、」, never bent by a following particle or verb ending.
"""

from adreel.media.write.library import Library

# Instructions in Japanese put the term first (「送料無料」に触れて), English puts it after the
# verb (mention free shipping): both branches feed the one capturing group.
_JA_START = r"(?:^|(?<=[\s、。，,！？!?「『：:]))"
_MENTION_TAIL = (
    r"」?(?:という(?:言葉|表現|ワード|フレーズ|こと|点)?)?(?:であること|であるという点|なこと|ということ|の(?:こと|話|点))?"
    r"(?:について|に|を|は|も|と|って)?(?:必ず|ぜひ|しっかり|きちんと|ちゃんと)?"
    r"(?:触れ|言及|強調|入れ|含め|盛り込|アピール|伝え|紹介|言っ|話し|押し出|推し|打ち出)"
    r"(?![しせまわ]?(?:ない|ず|ません|なく)|て(?:は|も)?(?:いけ|ダメ|だめ|駄目))"
)
_AVOID_TAIL = (
    r"」?(?:という(?:言葉|表現|ワード|フレーズ|言い方)?)?(?:の(?:こと|話))?"
    r"(?:には|では|について|に|を|は|も|と|って)?(?:絶対に?|決して|一切)?"
    r"(?:(?:触れ|言わ|使わ|入れ|出さ|書か|含め)(?:ない|ず)|言及(?:しない|せず|禁止|NG)"
    r"|(?:言っ|使っ|入れ|書い)て(?:は|も)?(?:いけ|ダメ|だめ|駄目)"
    r"|避け|禁止|(?-i:NG)|ＮＧ|控え|やめ|なしで|抜きで)"
)
_TERM = r"((?:(?!ないで|ずに|ないよう)[^。.;；\n「」『』])+?)"

LIBRARY = Library(
    language="ja",
    hooks={
        "problem_solution": [
            "{category}のお買い物で、失敗したことありませんか？",
            "正直、{category}系のアイテムって、がっかりすることが多くないですか？",
            "{category}系で、いいものが見つからない人。ちょっと待ってください。",
            "期待はずれのものには、もううんざりでした。",
            "これ、もっと早く知りたかったです。",
            "ずっと悩んでいたこと、これで解決しました。",
            "同じことで悩んでいる人に、見てほしいです。",
        ],
        "three_reasons": [
            "{name}をおすすめしたい理由が、三つあります。",
            "{name}がほかと違うところ、三つにまとめました。",
            "{name}を試してほしい理由を、三つだけ言わせてください。",
            "なぜ{name}なのか。理由は三つです。",
            "{name}の推しポイント、三つ紹介しますね。",
            "推せる理由は、三つです。",
        ],
        "discovery": [
            "{category}系で最高のものを見つけたので、シェアさせてください。",
            "ちょっと、{name}の話をさせてください。",
            "みなさん、いいもの見つけちゃいました。",
            "最近のわたしのお気に入りが、この{name}です。",
            "これ、こんなに好きになるとは思っていませんでした。",
            "{brand}の{name}、これ本当にすごいんです。",
        ],
        "social_proof": [
            "レビュー{reviews}件。これ、気になりませんか？",
            "{name}が星{rating}なのには、ちゃんと理由があるんです。",
            "{reviews}件のレビューで、平均は星{rating}。その理由を見ていきましょう。",
            "わたしの言葉より、実際に使った人の声を聞いてください。",
            "星{rating}の{name}、実際どうなのか確かめてみました。",
            "みんなの評価、見てください。",
        ],
        "special_offers": [
            "{name}が今、{discount}オフになっています。",
            "え、{name}が{price}って知ってました？",
            "{discount}オフの今が、{name}を手に入れるチャンスです。",
            "セール情報です。{name}が{old_price}から{price}に。",
            "{old_price}の{name}が、いまは{price}なんです。",
            "{discount}オフの{name}、見逃さないでください。",
        ],
    },
    organic_hooks={
        "problem_solution": [
            "{category}系のアイテムによくある悩みについて、話させてください。",
            "{category}について、気づいたことがあります。",
            "小さな工夫で、大きく変わったことがあります。",
        ],
        "three_reasons": [
            "{name}のいいところを三つ紹介します。",
            "{name}について、知っておきたいポイントを三つ。",
            "{name}の注目ポイントを、三つにまとめてみました。",
        ],
        "discovery": [
            "{name}って、知っていますか？",
            "{brand}の{name}を、ちょっと見てみましょう。",
            "最近気になっているのが、この{name}です。",
        ],
        "social_proof": [
            "{name}って、実際の評判はどうなんでしょう？",
            "{name}のレビュー、代わりに読んでみました。",
            "{name}には{reviews}件のレビューがあります。中身を見てみましょう。",
        ],
        "special_offers": [
            "{name}が気になっていた人へ。今、{discount}オフです。",
            "ちょっとしたお知らせです。{name}が{old_price}から{price}になっています。",
            "参考までに、{name}はいま{price}です。",
        ],
    },
    problem=[
        "高いお金を払ったのに、期待はずれだったこと、ありますよね。",
        "定番と言われるものも試したけど、どれもいまいちでした。",
        "シンプルなことなのに、ちゃんとできていないとモヤモヤしますよね。",
        "ネットでは良さそうに見えたのに、届いたらがっかり。よくある話です。",
    ],
    reveal=[
        "そんなときに見つけたのが、{name}です。",
        "そこで登場するのが、{name}です。",
        "だからわたしは、{brand}の{name}に変えました。",
        "そこで、この{name}です。",
        "この{name}が、それを変えてくれました。",
    ],
    discovery=[
        "作っているのは、{brand}です。",
        "{brand}の{name}です。",
        "これが、{brand}の{name}。",
        "名前は、{name}といいます。",
    ],
    reason=[
        "{ordinal}は、{benefit}。",
        "{ordinal}の理由は、{benefit}。",
        "{ordinal}のポイント。{benefit}。",
    ],
    ordinals=["一つ目", "二つ目", "三つ目", "四つ目", "五つ目", "六つ目"],
    benefit=[
        "{benefit}。",
        "しかも、{benefit}。",
        "個人的に好きなのは、{benefit}。",
        "うれしいのが、{benefit}。",
        "さらに、{benefit}。",
        "それに、{benefit}。",
    ],
    proof=[
        "{reviews}件のレビューで、五段階評価の{rating}です。",
        "レビューは{reviews}件、平均は星{rating}です。",
        "評価は、五段階中{rating}です。",
        "レビューは、{reviews}件集まっています。",
    ],
    quote=[
        "あるお客さんは、「{quote}」と書いていました。",
        "{reviewer}さんのレビューです。「{quote}」",
        "実際のレビューがこちら。「{quote}」",
        "まさにこれ、という声がありました。「{quote}」",
    ],
    offer=[
        "今なら{discount}オフです。",
        "{old_price}が、なんと{price}に。",
        "通常{old_price}のところ、いまは{price}です。",
        "通常価格から{discount}オフなんです。",
    ],
    price=[
        "しかも、お値段は{price}。",
        "これで{price}なんです。",
        "価格は{price}です。",
    ],
    urgency=[
        "こういうセールは、ずっと続くわけではありません。",
        "この価格のうちに、手に入れておくのがおすすめです。",
        "迷っているなら、今がチャンスです。",
    ],
    objection=[
        "本当にいいの？と思いますよね。{reviews}件のレビューを見てみてください。",
        "値段に見合うか不安？星{rating}の評価が答えです。",
        "わたしも最初は半信半疑でした。でも、よく見てみたら納得です。",
        "迷っているなら、一度じっくり詳細を見てみてください。",
    ],
    usage=[
        "毎日の生活に、自然となじみます。",
        "気づけば、毎日手に取っているはずです。",
        "一度使えば、言っている意味がわかると思います。",
        "いつもの毎日が、ちょっとだけ良くなります。",
    ],
    detail=[
        "{sentence}",
        "ここがポイントです。{sentence}",
        "ちなみに、{sentence}",
        "聞いてください。{sentence}",
    ],
    look=[
        "近くで見てみましょう。",
        "この細かいところ、見てください。",
        "見てください、これ。",
        "ちょっとお見せしますね。",
    ],
    cta=[
        "リンクをタップして、今すぐチェックしてください。",
        "{name}を{price}で、ぜひ手に入れてください。",
        "{discount}オフの今のうちに、ぜひどうぞ。",
        "{name}は、下のリンクからチェックできます。",
        "ぜひ一度、自分の目で確かめてみてください。",
        "下のリンクから、{name}を試してみてください。",
    ],
    organic_endings=[
        "あなたなら、使ってみたいですか？",
        "どう思ったか、コメントで教えてください。",
        "個人的には、チェックする価値ありだと思います。",
        "気になる人のために、リンクを置いておきますね。",
    ],
    audience=[
        "{audience}へ。これは、あなたのためのものです。",
        "{audience}に、ぜひおすすめしたいです。",
        "これは、{audience}にこそ使ってほしいんです。",
    ],
    mention=[
        "知っておいてほしいのが、{term}。",
        "それから、{term}。",
        "ちなみに、{term}。",
    ],
    tone_lines={
        "playful": ["ねえ、ちょっと聞いてください。", "いや、これ本当に。", "正直、もう手放せません。"],
        "luxury": ["本当にいいものは、違いがわかります。", "触れた瞬間にわかる、上質さ。"],
        "urgent": ["スクロールする前に、ちょっと待って。", "見逃す前に、チェックしてください。"],
        "calm": ["少しだけ、肩の力を抜いて聞いてください。", "今日は、シンプルなお話です。"],
    },
    tone_words={
        "playful": ["楽し", "面白", "おもしろ", "ユーモア", "ポップ", "明るい", "ノリ", "カジュアル", "ふざけ",
                    "fun", "funny", "playful", "humor", "humour", "witty", "cheeky", "casual"],
        "luxury": ["高級", "上品", "上質", "エレガント", "プレミアム", "ラグジュアリー", "洗練", "高見え",
                   "luxury", "premium", "elegant", "sophisticated", "upscale", "classy"],
        "urgent": ["急ぎ", "緊急", "今すぐ", "限定", "煽", "焦ら", "早く", "売り切れ",
                   "urgent", "urgency", "hurry", "fomo", "scarcity", "limited"],
        "calm": ["落ち着", "穏やか", "やさしい", "優しい", "ゆったり", "癒し", "静か", "ナチュラル", "シンプル",
                 "calm", "soft", "gentle", "relaxed", "soothing", "minimal"],
    },
    mention_pattern=(
        r"(?:(?<!n't )(?<!n’t )(?<!not )(?<!never )\b(?:mention|highlight|include|emphasi[sz]e|say)\s+"
        r"(?:that\s+)?|" + _JA_START + r"(?:必ず|ぜひ|しっかり|きちんと|ちゃんと)?"
        r"(?=[^。\n、「」]*?" + _MENTION_TAIL + r"))"
        + _TERM + r"(?=" + _MENTION_TAIL + r"|[。.;；\n]|$)"
    ),
    avoid_pattern=(
        r"(?:\b(?:avoid|don['’]?t (?:say|mention|use)|do not (?:say|mention|use)|never (?:say|mention)|without)\s+"
        r"(?:the\s+word\s+)?|" + _JA_START + r"(?=[^。\n、「」]*?" + _AVOID_TAIL + r"))"
        + _TERM.replace(r"[^。.;；", r"[^。、,，.;；") + r"(?=" + _AVOID_TAIL + r"|[。、,，.;；\n]|$)"
    ),
    join="",
)
