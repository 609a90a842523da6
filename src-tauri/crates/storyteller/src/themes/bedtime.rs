//! Bedtime: the day winding down, a gentle routine or a soft dream, and the hero fast asleep
//! at the end. Nothing exciting happens for long.

use super::{extra, need, Beat, Book, Plot};

const EVENING: Beat = &[
    &[
        r#"#({plural?(These are|Here are)|(This is|Here is)} {hero_a}.|It was evening {in_setting}.|Evening had come {in_setting}, and the sky outside was turning {color} and gold.)"#,
        r#"{artist?#({name} (drew|made) {it_o}.|{name} had drawn {hero_a} that day.|{name} had drawn {hero_a} that day, and now it was almost time for bed for both of them.)|#(|There {was} {hero_a}, who had played all day.|There {was} {hero_a}, who had played all day long.)}"#,
        r#"#({hero_s} yawned. (Yawn!|Ho hum!|Big yawn!)|{hero_s} felt (sleepy|cozy and sleepy).|After such a busy day, {hero_s} felt warm, slow, and very sleepy.)"#,
        r#"{kid?#({name} yawned too.|{name} yawned too.|{name} yawned too, a big, wide yawn.)}"#,
        r#"#((Bed soon.|Nearly time for bed.|Sleepy time soon.)|"It's nearly time for bed," said {hero_s}.|"It must be nearly time for bed," said {hero_s}, rubbing {its} eyes.)"#,
    ],
    &[
        r#"#({plural?Here are|(Look, it's|Here is)} {hero_a}.|Once upon a time, there {was} {hero_a}.|Once upon a time, {in_setting}, there lived {hero_a}.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} with bright {color} lines.|{name} had drawn {it_o} with soft {color} lines, and given {it_o} the coziest smile.)}"#,
        r#"#((The stars came out. Twinkle!|The moon came up. Hello, moon!)|One by one, the (stars|little stars) came out.|One by one, the stars came out to twinkle, and the birds tucked their heads under their wings.)"#,
        r#"#((Time for bed!|Off to bed!)|It was time for bed.|It was time, {hero_s} knew, to start getting ready for bed.)"#,
    ],
    &[
        r#"#((Yawn! Hello, {hero_bare}.|Hello, sleepy {hero_bare}.)|What a long, busy day it had been for {hero_a}!|What a long, busy, wonderful day it had been for {hero_a} {in_setting}!)"#,
        r#"{artist?#({name} drew {it_o} today.|{name} had drawn {it_o} that very day.|{name} had drawn {it_o} that very day, and {hero_s} had been playing ever since.)}"#,
        r#"#((Play, play, play. Now rest.|Busy, busy day. Now rest.)|There had been (running|jumping) and (laughing|singing), and now it was time to rest.|There had been running, and jumping, and laughing, and (singing|splashing), and now, at last, it was time to rest.)"#,
        r#"{kid?#({name} yawned too.|{name} gave a big yawn too.|{name} gave a big yawn too, which made {hero_s} yawn all over again.)}"#,
    ],
];

const BATH: Beat = &[
    &[
        r#"#((Splash!|Splish, splash!) Bath time!|First, it was (bath time|time for a bath).|First came bath time, with warm water and {color} bubbles.)"#,
        r#"#((Bubbles! Pop, pop!|Bubbles everywhere! Pop!)|{hero_s} played with the bubbles. Pop, pop!|{hero_s} blew the bubbles high into the air and popped them, one by one.)"#,
        r#"{pet?#({pet} watched.|{pet} watched from the door.|{pet} watched from the doorway and {pet_did}.)}"#,
        r#"#((All clean!|Clean and warm!)|Then {hero_s} {was} all clean and warm.|Then, wrapped in a fluffy blanket, {hero_s} {was} clean, warm, and cozy.)"#,
    ],
    &[
        r#"#((Wash, wash, wash.|Scrub, scrub, scrub.)|{hero_s} washed {its} face with warm water.|{hero_s} washed {its} face with warm water, slowly and gently.)"#,
        r#"#(Rub-a-dub-dub!|Rub-a-dub-dub, scrub-a-dub-dub!|Rub-a-dub-dub, scrub-a-dub-dub, all the busy day washed away.)"#,
        r#"#(Warm and clean.|Now {hero_s} {was} warm and clean.|Now {hero_s} {was} warm and clean and ready for bed.)"#,
    ],
];

const PAJAMAS: Beat = &[
    &[
        r#"#((Pajamas on!|On go the pajamas!)|Then on went the (soft|cozy) pajamas.|Then on went the softest pajamas, with little {color2} stars all over.)"#,
        r#"#((Brush, brush, brush!|Teeth clean! Brush, brush!)|Brush, brush, brush, and every tooth was clean.|Brush, brush, brush, up and down and round and round, until every tooth was clean.)"#,
        r#"#((A cup of milk.|Warm milk. Yum!)|Then came a cup of warm (milk|cocoa).|Then came a cup of warm milk, sweet and creamy.)"#,
    ],
    &[
        r#"#({hero_s} found {its} {thing}.|{hero_s} found {its} favorite {color} {thing}.|{hero_s} went looking for {its} favorite {color} {thing}, the one that always helped with sleeping.)"#,
        r#"#(Here it is! Hug!|There it was, under the bed!|There it was, hiding under the bed, as if it had been playing too.)"#,
        r#"#(Pajamas on. Teeth brushed.|Pajamas on, teeth brushed, all ready.|Pajamas on, teeth brushed, and {thing} held close: all ready for bed.)"#,
    ],
];

const GOODNIGHTS: Beat = &[
    &[
        r#"#((Goodnight, moon.|Night-night, moon.)|{hero_s} said goodnight to the (moon|big round moon).|{hero_s} looked out of the window and said goodnight to the moon.)"#,
        r#"#((Goodnight, stars.|Night-night, stars.)|"Goodnight, stars," said {hero_s}.|"Goodnight, stars. Goodnight, trees. Goodnight, sleepy world," whispered {hero_s}.)"#,
        r#"#(Goodnight, sky.|"Goodnight, sky," said {hero_s}.|"And goodnight to everyone who loves {me}," added {hero_s}, with a smile.)"#,
        r#"{place?#(Goodnight to {place}.|"Goodnight to {place}," said {hero_s}.|"Goodnight to {place}. See you tomorrow," said {hero_s} softly.)}"#,
    ],
    &[
        r#"#(Goodnight, clock. Goodnight, books.|{hero_s} said goodnight to the clock and the books.|{hero_s} went around the room and said goodnight to the clock, the books, and the little lamp.)"#,
        r#"{pet?#(Goodnight, {pet}.|"Goodnight," said {hero_s} to {pet}.|"Goodnight, sleep well," said {hero_s} to {pet}, who {pet_did}.)|#(Goodnight, ball.|"Goodnight, ball," said {hero_s}.|"Goodnight, ball. We played a lot today," said {hero_s}.)}"#,
        r#"#(Goodnight, everyone.|Goodnight, goodnight, goodnight.|Goodnight to everyone, and everything, everywhere.)"#,
    ],
];

const STORY: Beat = &[
    &[
        r#"{artist?#({name} read a story.|{name} read a bedtime story.|{name} read a bedtime story about a (sleepy bear|little boat|tiny star), in a soft, slow voice.)|#((Story time.|A bedtime story!)|Next came a bedtime story.|Next came a bedtime story about a (sleepy bear|little boat|tiny star), read in a soft, slow voice.)}"#,
        r#"#({hero_s} (listened|snuggled in).|{hero_s} listened, snuggled up tight.|{hero_s} listened, snuggled under the blanket, {its} eyes growing heavier and heavier.)"#,
        r#"#(Shh. Quiet now.|Then it was quiet.|Then the room went soft and quiet.)"#,
    ],
    &[
        r#"#((A song, then a story.|La, la, la. A little song.)|First a little song, then a little story.|First came a little song, then a (little|funny) story about a (moon who couldn't stop yawning|cloud who wanted a pillow).)"#,
        r#"{kid?#({name} listened too.|{name} listened too, snuggled close.|{name} listened too, snuggled close, yawning in all the right places.)}"#,
        r#"#({hero_s} smiled a sleepy smile.|{hero_s} smiled a (sleepy|dreamy) smile.|{hero_s} smiled a sleepy smile, and {its} eyes blinked slower, and slower.)"#,
    ],
];

const LULLABY: Beat = &[
    &[
        r#"#((Hush, hush.|Hush now.)|Then {helper_a} began to sing.|From somewhere nearby, {helper_a} began to hum a soft lullaby.)"#,
        r#"#(La, la, lu. La, la, lu.|"Hush now, sleep now," went the song.|"Hush now, close your eyes now, the stars are keeping watch," went the song.)"#,
        r#"#({hero_s} felt calm and cozy.|{hero_s} felt calm and cozy.|{hero_s} felt calm and cozy, as if wrapped in a warm, soft cloud.)"#,
    ],
    &[
        r#"#(Rock, rock, rock.|{hero_s} rocked gently, side to side.|{hero_s} rocked gently from side to side, slow and soft.)"#,
        r#"#(Shh, shh, shh.|The wind sang, "Shh, shh, shh."|Outside, the wind sang, "Shh, shh, shh," through the leaves.)"#,
        r#"#(So sleepy now.|{hero_s} felt so sleepy now.|{hero_s} felt sleepier and sleepier, and {its} eyes began to close.)"#,
    ],
];

const CANT_SLEEP: Beat = &[
    &[
        r#"#({hero_s} could not sleep.|But {hero_s} could not fall asleep.|But tonight, no matter how {it} wriggled, {hero_s} just could not fall asleep.)"#,
        r#"#(Toss. Turn. Toss.|{hero_s} tossed and turned.|{hero_s} tossed this way and turned that way, and counted the cracks in the ceiling.)"#,
        r#"#("{I} {am} not sleepy," said {hero_s}.|"{I} {am} not sleepy at all," said {hero_s}.|"{I} {am} not even a tiny bit sleepy," said {hero_s}, with a yawn.)"#,
    ],
    &[
        r#"#({hero_sp} eyes were wide open.|{hero_sp} eyes would not stay closed.|{hero_sp} eyes kept popping open, like two little windows that wanted to see more.)"#,
        r#"#((Peek! Still dark.|Peek! Still night.)|{hero_s} peeked out to see if the night was still there.|{hero_s} peeked out from the blanket to see if the night was still there.)"#,
        r#"#(|It was, all dark and quiet.|It was, all dark and quiet and calm, waiting patiently.)"#,
    ],
];

const COUNT: Beat = &[
    &[
        r#"#(Count the sheep. One, two, three.|{hero_s} counted sheep: one, two, three.|So {hero_s} counted fluffy sheep hopping over a little gate: one, two, three, four.)"#,
        r#"#(Four, five, six. Yawn!|Four, five, six, and a yawn.|Five, six, seven, and a great big yawn.)"#,
        r#"#(Eyes so heavy.|{hero_sp} eyes felt heavy.|{hero_sp} eyes grew heavy, heavy, heavy.)"#,
    ],
    &[
        r#"#(Breathe in. Breathe out.|{hero_s} took a slow, deep breath.|{hero_s} took a slow, deep breath in, and let it out, slow and gentle.)"#,
        r#"#(In, and out. In, and out.|In, and out. In, and out.|In, and out, slow and soft and steady.)"#,
        r#"#(Calm now.|{hero_s} felt calm now.|Little by little, {hero_s} felt calm and soft and ready to sleep.)"#,
    ],
];

const DREAM_FLOAT: Beat = &[
    &[
        r#"#({hero_s} (dreamed|had a dream).|Soon {hero_s} began to dream (a happy dream|a gentle dream).|Soon {hero_s} drifted into a dream, light as air.)"#,
        r#"#(Up on a cloud!|In the dream, {hero_s} floated on a {color} cloud.|In the dream, {hero_s} floated on a soft {color} cloud, high above the sleeping world.)"#,
        r#"{place?#(Look, {place}!|The cloud floated over {place}.|The cloud drifted gently over {place}, where all the windows were dark and sleepy.)|#(Hello, stars!|The stars twinkled hello.|The stars twinkled hello, one after another.)}"#,
    ],
    &[
        r#"#(A dream boat!|In a dream, {hero_s} sailed a little boat.|In a dream, {hero_s} sailed a little paper boat across a sky full of stars.)"#,
        r#"#(Bob, bob, bob.|The boat went bob, bob, bob.|The boat bobbed along, bob, bob, bob, on soft silver waves.)"#,
        r#"#(So peaceful.|Everything was calm and peaceful.|Everything was calm and peaceful, and the moon hummed a quiet tune.)"#,
    ],
];

const DREAM_VISIT: Beat = &[
    &[
        r#"#(Look! {helper_a}!|In the dream, {hero_s} met {helper_a}.|In the dream, {hero_s} met {helper_a}, who was also on the way to bed.)"#,
        r#"#("Sleep well," said {helper}.|"Sweet dreams," said {helper}.|"Sweet dreams, little one," said {helper}, with a slow, sleepy smile.)"#,
        r#"#(Yawn! Yawn!|They both yawned.|They both yawned the same enormous yawn, and giggled softly.)"#,
    ],
    &[
        r#"#((Dream time! Flowers!|A dream of flowers!)|In the dream, {hero_s} (skipped|floated) through a garden of {color} flowers.|In the dream, {hero_s} floated through a garden where the flowers were {color} and glowed softly in the dark.)"#,
        r#"#((Shh. The flowers sleep.|The flowers yawn.)|Even the flowers were (yawning|sleepy).|Even the flowers were yawning and nodding their sleepy heads.)"#,
        r#"{place?#({place} was there too!|{place} was in the dream too.|Somehow, {place} was in the dream too, all quiet and cozy.)}"#,
    ],
];

const DREAM_HOME: Beat = &[
    &[
        r#"#(Down, down, down.|Then the dream floated gently home.|Then the dream floated gently back, down, down, down, to the cozy bed.)"#,
        r#"#(Soft bed. Warm blanket.|The bed was soft and the blanket was warm.|The bed was soft, the blanket was warm, and the pillow was just right.)"#,
    ],
    &[
        r#"#((Float, float, float. Home.|Soft landing. Home.)|Softly, softly, the dream drifted home.|Softly, softly, the dream drifted all the way home.)"#,
        r#"#((Snug in bed.|Cozy bed.)|And there was the (cozy|warm) bed, waiting.|And there was the warm bed, with the pillow fluffed and waiting.)"#,
    ],
];

const ASLEEP: Beat = &[
    &[
        r#"#({hero_s} closed {its} eyes.|{hero_s} snuggled down and closed {its} eyes.|{hero_s} snuggled down under the blanket and slowly closed {its} eyes.)"#,
        r#"{kid?#({name} snuggled up too.|{name} snuggled up close, eyes closed too.|{name} snuggled up close, with sleepy eyes closed too.)|{artist?#({name} kissed {it_o} goodnight.|{name} whispered, "Goodnight, {hero_bare}."|{name} tucked the blanket in and whispered, "Goodnight, {hero_bare}. Sleep tight.")}}"#,
        r#"#((Zzz. Zzz. Zzz.|Shh. Fast asleep.)|Soon {hero_s} {was} fast asleep.|And soon, with a tiny snore, {hero_s} {was} fast asleep.)"#,
        r#"{name?#(Goodnight, {name}.|Goodnight, {name}. Sleep tight.|Goodnight, {name}. Sleep tight, and sweet dreams.)|#(Goodnight.|Goodnight. Sleep tight.|Goodnight, and sweet dreams.)}"#,
    ],
    &[
        r#"#((The moon was up.|Look, the moon!)|The moon rose high and round.|The moon rose high and round, and poured soft silver light through the window.)"#,
        r#"#({hero_s} {was} (so sleepy|so cozy).|{hero_s} {was} warm and snug in bed.|{hero_s} {was} warm and snug, wrapped up in the coziest blanket.)"#,
        r#"{pet?#({pet} curled up too.|{pet} curled up at the foot of the bed.|{pet} curled up at the foot of the bed and gave a sleepy sigh.)}"#,
        r#"{name?#("Night-night," said {name}.|"Night-night," whispered {name}.|"Night-night, sleep tight," whispered {name}, turning off the light.)}"#,
        r#"#((Zzz.|Shh. Asleep.)|Soon {hero_s} {was} asleep.|And with one last, slow yawn, {hero_s} drifted off to sleep.)"#,
    ],
];

pub(crate) const BOOK: Book = Book {
    titles: &[
        "Goodnight, {hero_bare}",
        "{hero_core_p} Sleepy Night",
        "{name?Sweet Dreams, {name}|Sweet Dreams, {hero_bare}}",
        "Time for Bed, {hero_bare}",
    ],
    things: &["teddy", "blanket", "pillow", "book"],
    plots: &[
        Plot {
            name: "routine",
            titles: &["{hero_core} {plural?Get|Gets} Ready for Bed"],
            steps: &[
                need(EVENING),
                extra(BATH),
                need(PAJAMAS),
                need(GOODNIGHTS),
                extra(STORY),
                extra(LULLABY),
                extra(DREAM_FLOAT),
                need(ASLEEP),
            ],
        },
        Plot {
            name: "dream",
            titles: &["{hero_core} and the {color} Cloud", "{hero_core_p} Dream"],
            steps: &[
                need(EVENING),
                extra(PAJAMAS),
                extra(STORY),
                extra(LULLABY),
                need(DREAM_FLOAT),
                extra(DREAM_VISIT),
                extra(DREAM_HOME),
                need(ASLEEP),
            ],
        },
        Plot {
            name: "wide awake",
            titles: &["{hero_core} {plural?Are|Is} Not Sleepy"],
            steps: &[
                need(EVENING),
                extra(BATH),
                extra(PAJAMAS),
                extra(GOODNIGHTS),
                need(CANT_SLEEP),
                need(COUNT),
                extra(LULLABY),
                need(ASLEEP),
            ],
        },
    ],
    kid_chance: 40,
    moods: &["sleepy", "calm", "cozy", "peaceful"],
    settings: &["a cozy little house", "a quiet little village", "the sleepy hills", "a little cottage by the woods"],
    setting_lines: &["#(It was quiet {in_setting}.|All was quiet {in_setting}{atmosphere?, and everything felt {mood}}.|All was calm and quiet {in_setting}, {atmosphere?and everything felt {mood}|ready for a long, cozy rest}.)"],
    pet_lines: &[
        "#({pet} yawned too.|{pet} gave a sleepy yawn.|{pet} gave a sleepy yawn and {pet_did}.)",
    ],
    place_lines: &[
        "#({hero_s} thought of {place}.|{hero_s} thought about {place} and smiled.|{hero_s} thought about {place}, and all the happy things that happen there.)",
    ],
    name_lines: &["#(Goodnight, {name}.|Goodnight, {name}. Sleep tight.|Goodnight, {name}. Sleep tight, and sweet dreams.)"],
};
