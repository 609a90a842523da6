//! Silly: a mixed-up, giggly day. Hats on feet, hiccups that blow bubbles, the silliest face
//! in the land. Everyone laughs together, nobody is laughed at.

use super::{extra, need, Beat, Book, Plot};

const OPEN: Beat = &[
    &[
        r#"#({plural?(These are|Here are)|(This is|Here is)} {hero_a}. (Silly!|So silly!)|One morning, {hero_a} woke up feeling very silly.|One morning, {hero_a} woke up {in_setting} feeling sillier than ever.)"#,
        r#"{artist?#({name} (drew|made) {it_o}. (Ha!|Ha, ha!)|{name} drew {it_o} with giggly {color} lines.|{name} had drawn {it_o} with bright {color} lines, giggling all the while.)}"#,
        r#"#((A {thing} on {its} head!|A {thing} on {its} nose!)|{hero_s} put a {thing} on {its} (head|nose).|{hero_s} put a {color2} {thing} on {its} head and wore it proudly.)"#,
        r#"#(Silly {hero_bare}!|"Good morning, toes!" said {hero_s} to {its} elbow.|"Good morning, toes!" said {hero_s} to {its} elbow, which was not a toe at all.)"#,
    ],
    &[
        r#"#({plural?Here are|(Here is|Look, it's)} {hero_a}.|{hero_a} lived {in_setting}.|{hero_a} lived {in_setting}, where things were usually perfectly normal.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} with bright {color} lines.|{name} had drawn {it_o} with bright {color} lines, upside down, just for fun.)}"#,
        r#"#((But today was upside down!|Today was a topsy-turvy day!)|But today, everything was (upside down|topsy-turvy)!|But today, for no reason at all, everything had gone upside down.)"#,
        r#"#((The cat said, "Woof!"|The duck said, "Moo!")|The cat said, "Woof!" The dog said, "Meow!"|The cat said, "Woof!" The dog said, "Meow!" And the cow said, "Good morning, how do you do?")"#,
    ],
];

const MIXUP: Beat = &[
    &[
        r#"#((A hat on {its} foot!|A scarf on {its} nose!)|{hero_s} put {its} hat on {its} (foot|knee).|{hero_s} put {its} hat on {its} foot and {its} scarf around {its} knees.)"#,
        r#"#(Ha, ha, ha!|"That's not right!" giggled {helper}.|"That's not right at all!" giggled {helper}, rolling on the grass.)"#,
        r#"#((Silly, silly {hero_bare}!|Giggle, giggle!)|{hero_s} giggled too.|{hero_s} giggled too, because it really was very silly.)"#,
    ],
    &[
        r#"#((Breakfast time! Tea in a hat!|Breakfast! Milk in a bucket!)|For breakfast, {hero_s} poured tea into a hat.|For breakfast, {hero_s} poured tea from the teapot into a hat and tried to drink it with a feather.)"#,
        r#"#(Drip! Oops!|"Oops!" said {hero_s}. "That's a hat!"|"Oops!" said {hero_s}, peering into the hat. "This tea tastes very woolly!")"#,
        r#"#(Ha, ha, ha!|Everyone laughed, and so did {hero_s}.|Everyone laughed, and {hero_s} laughed loudest of all.)"#,
    ],
];

const WALK: Beat = &[
    &[
        r#"#({refrain}! Wiggle, waggle!|{hero_s} did a (silly|very silly) walk.|{hero_s} invented a brand-new silly walk: two hops, a wiggle, and a twirl.)"#,
        r#"#(Hop! Wiggle! Twirl!|Hop, hop, wiggle, twirl!|Hop, hop, wiggle, twirl, and a little bow at the end!)"#,
        r#"{pet?#({pet} did it too!|{pet} tried it too and {pet_did}.|{pet} tried the silly walk too, and then {pet_did}.)}"#,
        r#"#(Everyone laughed.|Everyone laughed and joined in.|Soon everyone {in_setting} was doing the silly walk too.)"#,
    ],
    &[
        r#"#((Walking backward!|Backward day!)|{hero_s} decided to do everything (backward|the wrong way around).|{hero_s} decided that, just for today, everything would be done backward.)"#,
        r#"#(Dessert first! Yum!|First dessert, then dinner!|First came dessert, then dinner, then a very confused breakfast.)"#,
        r#"#("Goodbye!" said {hero_s}.|"Goodbye!" said {hero_s}, which meant hello.|{hero_s} waved and said "Goodbye!" to everyone, which of course meant hello.)"#,
    ],
];

const WEATHER: Beat = &[
    &[
        r#"#((Look up! Hats are falling!|Look! Hats falling from the sky!)|Then (hats|striped hats) started falling from the sky!|Then, from a fluffy {color} cloud, hats began to tumble down: striped ones, spotty ones, and one with a bell.)"#,
        r#"#(Plip! Plop! A hat!|Plip, plop, a hat landed on {hero_sp} nose.|Plip, plop, a stripy hat landed right on {hero_sp} nose.)"#,
        r#"#(Achoo! Ha, ha!|{hero_s} sneezed a big "Achoo!"|{hero_s} sneezed a giant "Achoo!" and the hat flew off, high into the sky.)"#,
    ],
    &[
        r#"#((Look! Bouncy clouds!|Down came the clouds!)|Then the clouds came down low and bouncy.|Then the clouds came floating down, low and bouncy and soft.)"#,
        r#"#(Boing! Boing! Boing!|{hero_s} jumped on a cloud. Boing, boing!|{hero_s} jumped on the biggest one. Boing, boing, boing, higher and higher!)"#,
        r#"#(Wheee!|"Wheee!" laughed {hero_s}.|"Wheee! This is the silliest weather ever!" laughed {hero_s}.)"#,
    ],
];

const SNACK: Beat = &[
    &[
        r#"#((Snack time! Cookie sandwich!|Snack time! Apple cake!)|{hero_s} made a silly snack: (a cookie sandwich|an apple and strawberry cake)!|For a snack, {hero_s} made a cookie sandwich with {color} strawberries on top.)"#,
        r#"#("Yuck?" No, yum!|"Yuck!" said {helper}. Then, "Oh! Yum!"|"Yuck!" said {helper}, and then, after one tiny taste, "Oh! Actually, yum!")"#,
        r#"#(Crunch, munch, giggle!|Crunch, munch, giggle, giggle!|Crunch, munch, giggle, giggle, until every crumb was gone.)"#,
    ],
    &[
        r#"#((A big cake! Wobble, wobble!|A tall, tall cake! Wobble!)|{hero_s} baked a cake as tall as a tree.|{hero_s} baked a wobbly cake as tall as a tree, with {color} and {color2} stripes.)"#,
        r#"#(Oh no! Splat!|Then it wobbled, and wobbled, and splat!|Then it wobbled this way and wobbled that way, and then, splat!)"#,
        r#"#(Cake on every nose! Ha, ha!|There was cake on everyone's nose!|There was cake on everyone's nose, and nobody minded one bit.)"#,
    ],
];

const DANCE: Beat = &[&[
    r#"#((Dance time! Wiggle, wiggle!|Music! Dance, dance!)|Then everyone did the wobbly dance.|Then the music started, and everyone did the wobbly, wiggly dance.)"#,
    r#"#(Wiggle, wobble, shake, shake!|Wiggle, wobble, shake, shake, spin!|Wiggle to the left, wobble to the right, shake, shake, and spin around!)"#,
    r#"#({hero_s} spun. Dizzy! Bump!|{hero_s} spun so fast {it} fell down, giggling.|{hero_s} spun so fast that {it} toppled over into a pile of leaves, giggling.)"#,
]];

const PARADE: Beat = &[&[
    r#"#((Parade time! Boom, boom!|A silly parade! Toot, toot!)|Then there was a (silly|very noisy) parade.|Then came the silliest parade ever, with drums and bells and balloons.)"#,
    r#"#({hero_s} wore a {thing} on {its} head.|{hero_s} wore a {color2} {thing} on {its} head.|{hero_s} marched at the front, wearing a {color2} {thing} on {its} head.)"#,
    r#"{place?#(All the way to {place}!|They marched all the way to {place}.|They marched and tooted all the way to {place} and back.)}"#,
    r#"#(Ring! Ring!|Ring, ring, went the bells!|Ring, ring, went the bells, and boom, boom, went the drums!)"#,
]];

const HICCUPS: Beat = &[&[
    r#"#(Hic! {hero_s} got the hiccups!|Then {hero_s} got the (hiccups|giggly hiccups). Hic!|Then, out of nowhere, {hero_s} got the hiccups. Hic!)"#,
    r#"#(Hic! Bubbles came out!|With every hic, a {color} bubble popped out. Hic!|With every hic, a shiny {color} bubble floated out and drifted up into the sky. Hic!)"#,
    r#"#(Hic! Hic! Hic!|"Oh dear," said {hero_s}. "Hic!"|"Oh dear," said {hero_s}. "How do {I} make them stop? Hic!")"#,
]];

const CURES: Beat = &[&[
    r#"#((Stand on one leg. Hic!|Hold your nose. Hic!)|{hero_s} stood on one leg. Hic!|{hero_s} stood on one leg and drank water upside down. Hic!)"#,
    r#"#(Say "wibble-wobble." Hic!|{hero_s} said "wibble-wobble" ten times. Hic!|{hero_s} said "wibble-wobble" ten times, very fast, which is much harder than it sounds. Hic!)"#,
    r#"#(Still hic!|The hiccups would not stop.|But still, the hiccups would not stop.)"#,
]];

const HICCUPS_GONE: Beat = &[&[
    r#"#(Then {helper_a} said, "Peekaboo!"|Then {helper_a} jumped out and said, "Peekaboo!"|Then {helper_a} popped up from behind a bush and said, "Peekaboo!")"#,
    r#"#({hero_s} jumped. Oh!|{hero_s} jumped in surprise.|{hero_s} jumped so high that {it} nearly touched a cloud.)"#,
    r#"#(No more hiccups!|And the hiccups were gone!|And just like that, the hiccups were gone!)"#,
    r#"#(Ha, ha, ha!|They laughed and laughed.|They laughed until their tummies ached.)"#,
]];

const CONTEST: Beat = &[&[
    r#"#((Silly face time!|Who has the silliest face?)|It was the silly face contest!|Everyone {in_setting} had gathered for the great silly face contest.)"#,
    r#"#({helper_a} puffed up both cheeks.|{helper_a} puffed up both cheeks, round and full.|{helper_a} puffed up both cheeks, crossed both eyes, and wiggled both ears.)"#,
    r#"#(Now {hero_s}!|Then it was {hero_sp} turn.|Then it was {hero_sp} turn, and everyone held their breath.)"#,
]];

const FACE: Beat = &[&[
    r#"#((Tongue out! Eyes crossed!|Cheeks puffed! Eyes crossed!)|{hero_s} stuck out {its} tongue and crossed {its} eyes.|{hero_s} stuck out {its} tongue, crossed {its} eyes, and wobbled from side to side.)"#,
    r#"#(Bleh! Ha, ha!|Everyone laughed so much!|Everyone laughed so much that a bird giggled right off its branch, into a soft pile of leaves.)"#,
    r#"#("You win!" everyone cheered.|"You win!" everyone cheered.|"The silliest face ever!" everyone cheered.)"#,
    r#"#(Everyone wins!|"Everyone wins!" said {hero_s}.|"Everybody wins a prize for silliness!" announced {hero_s}.)"#,
]];

const END: Beat = &[
    &[
        r#"#((What a silly day!|Such a silly day!)|What a (silly, silly|giggly, wiggly) day!|What a wonderfully silly, giggly, upside-down day it had been!)"#,
        r#"{artist?#({name} laughed.|{name} laughed and laughed.|{name} laughed so hard that the whole room seemed to wobble.)}"#,
        r#"#(Silly, silly {hero_bare}!|"Same time tomorrow?" asked {hero_s}.|"Can we be silly again tomorrow?" asked {hero_s}, still giggling.)"#,
        r#"{name?#("Yes!" said {name}.|"Yes, please!" said {name}.|"Every single day!" said {name}, and they laughed all over again.)|#(The end!|The end. Ha, ha!|The end, with one last giggle.)}"#,
    ],
    &[
        r#"#((Time for bed, silly {hero_bare}.|Bedtime, silly {hero_bare}!)|At last it was time for (bed|a rest).|At last, the giggles got sleepy, and it was time for bed.)"#,
        r#"#((Pajamas on. Upside down!|Pajamas on, back to front!)|{hero_s} put {its} pajamas on backward.|{hero_s} put {its} pajamas on backward, of course, and wore a {thing} on {its} head to bed.)"#,
        r#"{artist?#({name} giggled.|{name} giggled, "You are so silly!"|{name} giggled and said, "You are the silliest friend in the whole world.")}"#,
        r#"#(Ha, ha! Goodnight!|The end. Ha, ha!|And even in {its} dreams, {hero_s} kept on giggling.)"#,
    ],
];

pub(crate) const BOOK: Book = Book {
    titles: &[
        "{hero_core} and the Very Silly Day",
        "{hero_core_p} Giggly Day",
        "{hero_core_p} Upside-Down Day",
        "{name?{name} and the Silliest {hero_bare}|The Silliest {hero_bare} Ever}",
    ],
    things: &["teapot", "bucket", "cake", "basket"],
    plots: &[
        Plot {
            name: "mixed-up day",
            titles: &["Silly, Silly {hero_bare}"],
            steps: &[
                need(OPEN),
                need(MIXUP),
                extra(WALK),
                extra(WEATHER),
                extra(SNACK),
                extra(PARADE),
                extra(DANCE),
                need(END),
            ],
        },
        Plot {
            name: "hiccups",
            titles: &["{hero_core} and the Hiccups", "Hic! Hic! Hooray for {hero_core}!"],
            steps: &[
                need(OPEN),
                extra(WALK),
                need(HICCUPS),
                extra(CURES),
                need(HICCUPS_GONE),
                extra(SNACK),
                extra(PARADE),
                need(END),
            ],
        },
        Plot {
            name: "silly faces",
            titles: &["{hero_core} and the Silly Face Contest"],
            steps: &[
                need(OPEN),
                extra(MIXUP),
                need(CONTEST),
                need(FACE),
                extra(WEATHER),
                extra(SNACK),
                extra(PARADE),
                need(END),
            ],
        },
    ],
    kid_chance: 0,
    moods: &["giggly", "bouncy", "cheeky", "playful"],
    settings: &["a topsy-turvy town", "a bouncy meadow", "the wobbly woods", "a busy little village"],
    setting_lines: &["#(Silly things happened {in_setting}.|Everything {in_setting} was a little bit silly{atmosphere? and a little bit {mood}}.|Everything {in_setting} was a little bit upside down{atmosphere? and a little bit {mood}}, which is just how silly days begin.)"],
    pet_lines: &[
        "#({pet} giggled too!|{pet} {pet_did}, which was very silly too.|{pet} {pet_did}, and then did it again, just to be silly.)",
    ],
    place_lines: &[
        "#(Even {place} was silly!|Even {place} looked a little bit silly today.|Even {place} looked a little upside down today, and nobody minded one bit.)",
    ],
    name_lines: &[
        "#({name} laughed!|{name} laughed and laughed.|{name} laughed so much that it turned into hiccups.)",
    ],
};
