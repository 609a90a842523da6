//! Brave: a small worry met with a deep breath and a try. A noise in the night that turns out
//! to be a friend, a big slide tried again, a little kitten helped down. Scared is allowed;
//! trying anyway is the brave part.

use super::{extra, linked, need, Beat, Book, Plot};

const OPEN: Beat = &[
    &[
        r#"#({plural?(These are|Here are)|(This is|Here is)} {hero_a}.|(Once upon a time|Not long ago), there {was} {hero_a}.|(Once upon a time|Not so long ago), {in_setting}, there lived {hero_a}{proper?,} who sometimes felt a little bit shy.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} with bright {color} lines.|{name} had drawn {it_o} with bold {color} lines and a brave, steady hand.)}"#,
        r#"#({hero_s} {was} (small|little). (But brave!|Brave, too!)|{hero_s} {was} (small|not very big), but {its} {plural?hearts were|heart was} (big|very big).|{hero_s} {was} not very big, but {its} {plural?hearts were|heart was} as big as the sky.)"#,
    ],
    &[
        r#"#({plural?Here are|Here is} {hero_a}.|{hero_a} lived {in_setting}.|{hero_a} lived {in_setting}, where the days were sunny and the nights were very, very dark.)"#,
        r#"{artist?#({name} made {it_o}.|{name} made {it_o} with lots of love.|{name} had made {it_o} with lots of love and bright {color} lines.)}"#,
        r#"#({hero_s} felt {feeling}.|Most days, {hero_s} felt {feeling}. (But some things felt big.|But a few things seemed scary.)|Most days, {hero_s} felt {feeling}, but some things still seemed a little bit big.)"#,
    ],
];

const OPEN_WANT: Beat = &[&[
    r#"#({plural?These are|This is} {hero_a}.|Once upon a time, there {was} {hero_a}.|Once upon a time, there {was} {hero_a}{proper?,} who was curious about everything.)"#,
    r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} with bright {color} lines.|{name} had drawn {it_o} with bold {color} lines and a brave, steady hand.)}"#,
    r#"#((Look! The big {thing}!|Wow! A big {thing}!)|{in_setting}, there was a big {color} {thing}.|{in_setting}, there was a big {color} {thing}, and {hero_s} had never been brave enough to try it.)"#,
    r#"#({hero_s} wanted to (try|have a go).|{hero_s} really wanted to try it.|Today, {hero_s} decided, was the day.)"#,
]];

const PRACTICE: Beat = &[&[
    r#"#((First, a little one.|First, a tiny one.)|First, {hero_s} practiced on a (little|tiny) {thing}.|First, {hero_s} practiced on a tiny {thing}, over and over and over.)"#,
    r#"#((Easy! Again!|Easy peasy! Again!)|That was (easy|fun)! Again!|That was easy, so {hero_s} did it again, and again, just to be sure.)"#,
    r#"{pet?#({pet} watched.|{pet} watched and {pet_did}.|{pet} watched every try and {pet_did}.)}"#,
]];

const TRY: Beat = &[
    &[
        r#"#((But it was so big!|Oh! So big!)|But the big {thing} looked (so very big|much bigger up close).|But up close, the big {thing} looked very big indeed, and {hero_sp} tummy did a little flip.)"#,
        r#"#({hero_s} tried. (Wobble! Oh.|Wibble, wobble! Oh.)|{hero_s} tried, but (wobbled and stopped|got halfway and stopped).|{hero_s} tried, but halfway there {it} wobbled, and stopped, and went back down.)"#,
        r#"#({hero_s} sat down. (Sniff.|Oh, dear.)|{hero_s} sat down on the (grass|ground) with a sigh.|{hero_s} sat down on the soft grass, feeling a little bit sad.)"#,
        r#"#("{I} can't," said {hero_s}.|"Maybe {I} can't do it," said {hero_s} (quietly|softly).|"Maybe {I} just can't do it," said {hero_s} in a very small voice.)"#,
    ],
    &[
        r#"#((Step one. Step two. Oh!|Up one step. Oh!)|{hero_s} took one step, then another, and then (froze|stopped).|{hero_s} took one step, then another, and then {it} looked down and (froze|stopped), not moving at all.)"#,
        r#"#((Too high!|So wobbly!)|"It's too (high|wobbly)!" said {hero_s}.|"It's much too (high|wobbly)," whispered {hero_s}, and carefully went back down.)"#,
        r#"#({hero_s} felt sad.|{hero_s} felt a little sad and a little cross.|{hero_s} sat down, feeling (a little sad|grumpy and small) and not at all brave.)"#,
    ],
];

const CHEER: Beat = &[&[
    r#"{name?#("You can do it!" said {name}.|"You can do it!" said {name}. "Try again!"|"You can do it, one step at a time!" called {name}. "I believe in you!")|#("You can do it!" said {helper_a}.|"You can do it!" said {helper_a}. "Try again!"|"You can do it, one step at a time!" said {helper_a}. "I believe in you!")}"#,
    r#"{pet?#({pet} {pet_did}.|{pet} {pet_did}.|{pet} {pet_did}, as if to say, "Go on!")}"#,
    r#"#({hero_s} stood up (tall|again).|{hero_s} stood up tall and took a (deep|big) breath.|{hero_s} stood up, brushed off the grass, and took a big, brave breath.)"#,
]];

const SUCCEED: Beat = &[
    &[
        r#"#((Try again. Step, step, step!|One more try. Step, step!)|{hero_s} tried again: one step, then another, (then another|and another)!|{hero_s} tried again: one careful step, then another, and another, and this time did not stop.)"#,
        r#"#(Whee! {hero_s} did it!|Whee! {hero_s} did it!|Whee! {hero_s} did it, all the way to the very end!)"#,
        r#"#((Hooray! Hooray!|Yay! Hooray!)|(Everyone|All the birds) cheered, "Hooray!"|Everyone cheered so loudly that the birds joined in: "Hooray!")"#,
    ],
    &[
        r#"#((Slow and steady. Here {I} go!|One, two, three, go!)|(Slowly|Carefully), {hero_s} tried again, one little bit at a time.|(Slowly|Carefully), {hero_s} tried again, one little bit at a time, humming a (brave|happy) song to keep {its} feet steady.)"#,
        r#"#((Yes! Yes! Yes!|All the way!)|And this time, {hero_s} went all the way!|And this time, {hero_s} went all the way to the end, and didn't stop once.)"#,
        r#"#({hero_s} did it! Hooray!|"{I} did it!" shouted {hero_s}. "{I} really did it!"|"{I} did it!" shouted {hero_s}, so loudly that a (sleepy owl|passing butterfly) did a little loop of joy.)"#,
    ],
];

const NOISE: Beat = &[
    &[
        r#"#((Night came. What's that?|It was night. What's that?)|That (night|evening), {hero_s} heard a (noise|funny noise).|That night, just as the stars came out, {hero_s} heard a strange noise.)"#,
        r#"#((Tap, tap, tap!|Knock, knock, knock!)|Tap, tap, tap, went the noise.|Tap, tap, tap, swish, swish, went the noise, just outside the window.)"#,
        r#"#({hero_s} felt a bit (wobbly|scared).|{hero_s} felt a little bit (scared|wobbly).|{hero_s} felt a little bit wobbly inside, all shivery and shaky.)"#,
    ],
    &[
        r#"#(Creak! What's that?|In the (night|dark), something went creak.|In the middle of the night, something outside went creak, creak, creak.)"#,
        r#"#({hero_s} pulled up the blanket.|{hero_s} pulled the blanket up to {its} nose.|{hero_s} pulled the blanket right up to {its} nose and listened.)"#,
        r#"#(Creak! Creak!|Creak, creak, went the noise again.|Creak, creak, went the noise again, slow and soft.)"#,
    ],
];

const DECIDE: Beat = &[
    &[
        r#"#((Deep breath in. Deep breath out.|Breathe in. Breathe out.)|{hero_s} took a (deep|long, slow) breath.|{hero_s} took a deep breath in, and a long breath out, nice and slow.)"#,
        r#"#("{I} can be brave," said {hero_s}.|"{I} can be brave," said {hero_s}.|"{I} can be brave, even if {I} feel a little scared," said {hero_s}.)"#,
        r#"#((A little light!|Click! A lantern!)|{hero_s} picked up a little lantern.|{hero_s} picked up a little lantern that glowed a warm, friendly {color}.)"#,
    ],
    &[
        r#"#((Be brave, {hero_bare}!|You can do it!)|{hero_s} remembered something important.|{hero_s} remembered something (a wise friend|{name?{name}|a wise friend}) once said: brave just means trying, even with a wobbly tummy.)"#,
        r#"#((Hug the teddy. Tight!|Hold the blanket. Tight!)|{hero_s} hugged {its} (teddy|blanket) tight and sat up.|{hero_s} hugged {its} (teddy|blanket) tight, sat up, and (counted to three|took three slow breaths).)"#,
        r#"#((Let's go and see.|Time to look.)|"Let's go and see," said {hero_s}.|"Let's go and see what it is," said {hero_s}, (switching on|lighting) a small {color} lantern.)"#,
    ],
];

const LOOK: Beat = &[
    &[
        r#"#((Step, step. Peek!|Tiptoe, tiptoe. Peek!)|{hero_s} {went} (outside|to the window) to look.|Slowly, carefully, {hero_s} {went} outside and held the lantern up high.)"#,
        r#"{pet?#({pet} came too.|{pet} came too, close behind.|{pet} came too, close behind, and {pet_did}.)}"#,
        r#"#("Who is there?"|"Who is there?" asked {hero_s}.|"Hello? Who is there?" asked {hero_s}, in a voice that was only a tiny bit shaky.)"#,
    ],
    &[
        r#"#((Open the door. Creak!|Tiptoe to the door.)|{hero_s} opened the door, just a crack.|{hero_s} opened the door, just a crack, and peeked out into the (cool|quiet) night.)"#,
        r#"{pet?#({pet} peeked too.|{pet} peeked out too.|{pet} peeked out too, and {pet_did}.)}"#,
        r#"#(("Hello?"|"Who's there?")|"Hello?" called {hero_s}. "Who's there?"|"Hello?" called {hero_s}, holding the lantern high. "Is anybody there?")"#,
    ],
];

const REVEAL: Beat = &[
    &[
        r#"#((It was {helper_a}!|Oh! Just {helper_a}!)|It was (only|just) {helper_a}!|And there, blinking in the lantern light, was {helper_a}.)"#,
        r#"#("Hello!" said {helper}.|"Hello! I came to (say hi|play)!" said {helper}.|"Oh, hello! I only came to ask if you wanted to see the stars," said {helper}.)"#,
        r#"#((Not scary at all!|A new friend!)|It was not scary at all.|It was not scary at all. It was a new friend!)"#,
    ],
    &[
        r#"#((Who is it? Oh!|Look! Oh!)|There, by the window, was {helper_a}.|There, by the window, (tapping with a tiny stick|waving a tiny paw), was {helper_a}.)"#,
        r#"#(("Hi!" said {helper}.|"Hello, friend!" said {helper}.)|"Can you come out and play?" asked {helper}.|"Sorry if I startled you! I wanted to show you the moon. It's extra round tonight," said {helper}.)"#,
        r#"#((Just a friend!|No need to be scared!)|{hero_s} laughed with relief.|{hero_s} laughed with relief, and all the wobbly feelings floated away, light as air.)"#,
    ],
];

const STARS: Beat = &[
    &[
        r#"#((Look at the stars!|Twinkly stars!)|Together they (looked at|counted) the twinkly stars.|Together they sat on the grass and counted the twinkly stars, one by one.)"#,
        r#"#(So many stars!|There were so many stars!|There were more stars than anyone could ever count, even using all their fingers and toes.)"#,
        r#"#(Twinkle, twinkle.|One star twinkled {color}.|One little star even seemed to twinkle {color}, just for {hero_s}.)"#,
    ],
    &[
        r#"#((The moon! So round!|Look! The moon!)|Together they looked at the big, round moon.|Together they looked up at the big, round moon, which seemed to be smiling right at them.)"#,
        r#"#((Hello, moon!|Night-night, moon!)|"Hello, moon!" said {hero_s}.|"Hello, moon!" called {hero_s}, and waved, and (the moon|a little cloud) almost seemed to wave back.)"#,
        r#"#((The dark is not scary.|The night is friendly.)|The night didn't feel scary anymore.|The night didn't feel scary anymore; it felt soft, and quiet, and full of friends.)"#,
    ],
];

const WALK: Beat = &[
    &[
        r#"#({hero_s} went out to (play|explore).|One (day|morning), {hero_s} {went} out to play.|One sunny afternoon, {hero_s} {went} out to play {in_setting}.)"#,
        r#"#({refrain}!|The sun was warm.|The sun was warm and the breeze was gentle.)"#,
        r#"{pet?#({pet} came too.|{pet} came too and {pet_did}.|{pet} came along too, and {pet_did}.)}"#,
    ],
    &[
        r#"#((Out to play! {refrain}!|Off {hero_s} went! {refrain}!)|After breakfast, {hero_s} {went} off to (play|explore).|After breakfast, {hero_s} {went} off to explore {in_setting}, (humming|whistling) a little tune.)"#,
        r#"#((Birds sang. Tweet, tweet!|Leaves danced. Swish!)|The (birds were singing|leaves were dancing) in the breeze.|The birds were singing and the leaves were dancing, and everything felt (peaceful|just right).)"#,
        r#"{pet?#({pet} came too.|{pet} came too and {pet_did}.|{pet} came along too, and {pet_did}.)}"#,
    ],
];

const STUCK: Beat = &[
    &[
        r#"#((Mew! Mew! Who is that?|Mew! Mew! What was that?)|Then {hero_s} heard a (tiny|little) "Mew!"|Then, from high in a tree, {hero_s} heard a tiny "Mew! Mew!")"#,
        r#"#(A kitten, up high!|A little kitten was stuck up in a tree.|A little kitten had climbed up high and could not get down.)"#,
        r#"#((Oh! So high!|Up, up high!)|The branch was very high.|The branch was very high, and {hero_s} did not like high places one bit.)"#,
    ],
    &[
        r#"#((Peep! Peep! Who is that?|Cheep! Cheep! What is that?)|Then {hero_s} heard a small "Peep!"|Then, from the top of a (tall hedge|big rock), {hero_s} heard a small, worried "Peep, peep!")"#,
        r#"#(A baby bird, up high!|A baby bird had fluttered up and could not get down.|A fluffy baby bird had fluttered up there and could not (find the way|get back) down to its nest.)"#,
        r#"#((It is so high!|Oh! Up so high!)|It was (very|awfully) high, and {hero_s} felt a bit scared.|It was very high indeed, and {hero_sp} knees (wobbled|shook) just looking at it.)"#,
    ],
];

const WOBBLY: Beat = &[&[
    r#"#({hero_s} felt (wobbly|a bit scared).|{hero_s} felt (wobbly|fizzy) inside.|{hero_s} felt wobbly inside, and {its} tummy felt all fluttery.)"#,
    r#"#(But the little one needs help!|But the little one needed help.|But the little one needed help, and that mattered more than feeling scared.)"#,
    r#"{place?#({hero_s} thought of {place}.|{hero_s} thought of {place} and felt braver.|{hero_s} thought of {place}, where everyone was kind, and felt braver already.)}"#,
]];

/// Helping the little one down, telling for telling with `STUCK`.
const RESCUE: Beat = &[
    &[
        r#"#("{I} will help!" said {hero_s}.|"{I} will help you!" said {hero_s}.|"Don't worry, {I} {am} coming!" called {hero_s}, feeling brave from top to bottom.)"#,
        r#"#((Up, up, up, slowly.|Climb, climb, climb.)|Up {hero_s} climbed, (slowly and carefully|one branch at a time).|Up {hero_s} climbed, one branch at a time, slowly and carefully, not looking down.)"#,
        r#"#(Got you! Down we go.|{hero_s} held the kitten and climbed down.|{hero_s} scooped up the kitten, held it close, and climbed gently back down.)"#,
        r#"#("Thank you!" purred the kitten.|"Thank you!" purred the kitten.|"Thank you," purred the kitten, snuggling close. "You are so brave!")"#,
    ],
    &[
        r#"#("{I} will help!" said {hero_s}.|"Hold on, little bird!" called {hero_s}.|"Hold on, little bird, {I} {am} coming!" called {hero_s}, in the bravest voice {it} had.)"#,
        r#"#((Up, up, slowly.|Stretch, stretch, slowly.)|{hero_s} (climbed|reached) up, slowly and carefully.|{hero_s} climbed up onto a big rock and stretched, slowly and carefully, as high as {it} could.)"#,
        r#"#((Got you! Down we go.|Gently, gently. Down!)|{hero_s} helped the baby bird back to its nest.|{hero_s} cupped the baby bird gently and helped it back into its cozy nest.)"#,
        r#"#("Peep! Thank you!"|"Peep, peep! Thank you!" sang the bird.|"Peep, peep! Thank you!" sang the bird, and its whole family sang along.)"#,
    ],
];

const CELEBRATE: Beat = &[
    &[
        r#"#((Hooray for {hero_s}!|Party for {hero_s}!)|Everyone had a (party|picnic) for {hero_s}.|That afternoon, everyone had a little party for {hero_s}, with {color} balloons and cake.)"#,
        r#"{pet?#({pet} came too!|{pet} came too and {pet_did}.|{pet} was there too, and {pet_did}.)}"#,
        r#"#(Yum! Cake!|There was a {color2} cake.|There was a {color2} cake with a tiny flag on top.)"#,
    ],
    &[
        r#"#((Clap, clap, clap!|Hooray, hooray!)|Everyone clapped and cheered for {hero_s}.|Everyone clapped and cheered, and someone even made {hero_s} a crown out of {color} paper.)"#,
        r#"{pet?#({pet} {pet_did}.|{pet} {pet_did}, very proudly.|{pet} {pet_did}, looking almost as proud as {hero_s}.)}"#,
        r#"#((A brave dance! Wiggle!|Dance, dance, dance!)|Then they all did a (brave|happy) little dance.|Then they all did a brave little dance, with a stomp, a spin, and a very (proud|happy) bow.)"#,
    ],
];

const NEXT_DAY: Beat = &[
    &[
        r#"#((Next morning came.|The next morning!)|The next morning, {hero_s} told (everyone|all the friends).|The next morning, {hero_s} told everyone {in_setting} all about it.)"#,
        r#"#("{I} was brave!"|"{I} felt scared, but {I} tried!" said {hero_s}.|"{I} felt scared, but {I} tried anyway," said {hero_s}, standing a little taller.)"#,
        r#"#(Everyone clapped.|Everyone clapped and cheered.|Everyone clapped and cheered, and {name?{name}|a little bird} clapped loudest of all.)"#,
    ],
    &[
        r#"#((Next day! Hello, sun!|Next morning! Hello, sun!)|The next day, the sun came up (bright|warm) and golden.|The next day, the sun came up warm and golden, as if it had heard the news.)"#,
        r#"#({hero_s} smiled and smiled.|{hero_s} could not stop smiling.|{hero_s} could not stop smiling, and walked (a little taller|with an extra bounce) all day long.)"#,
        r#"#((Brave feels good!|Brave is fun!)|"Brave feels good," {hero_s} whispered.|"Brave feels good," {hero_s} whispered to a (passing|friendly) ladybug, who agreed completely.)"#,
    ],
];

const PROUD: Beat = &[
    &[
        r#"#({hero_s} felt (proud|so proud).|{hero_s} felt (very proud|proud and happy).|{hero_s} felt proud, and warm, and taller than ever before.)"#,
        r#"{artist?#({name} gave {it_o} a big hug.|{name} gave {hero_s} a great big hug.|{name} gave {hero_s} the biggest hug and said, "I'm so proud of you.")}"#,
        r#"#(Brave {hero_bare}!|"Being brave feels good," said {hero_s}.|"Being brave doesn't mean you're never scared," said {hero_s}. "It means you try anyway.")"#,
        r#"{artist?#({name} smiled.|And {name} smiled a big, proud smile.|And {name} smiled, because that was exactly right.)}"#,
    ],
    &[
        r#"#(That night, {hero_s} slept (well|tight).|That night, {hero_s} went to bed (smiling|with a big smile).|That night, {hero_s} went to bed with the proudest, happiest smile.)"#,
        r#"{name?#("Brave {hero_bare}," said {name}.|"You were so brave," whispered {name}.|"You were so brave today," whispered {name}, tucking {it_o} in.)}"#,
        r#"#((Brave and happy. The end.|Brave and happy. Night-night.)|Brave and happy, {hero_s} fell asleep.|Brave and happy, {hero_s} drifted off to sleep, ready for whatever tomorrow would bring.)"#,
    ],
];

pub(crate) const BOOK: Book = Book {
    titles: &[
        "{hero_core} {plural?Are|Is} Brave",
        "{proper?Brave, Brave {hero_bare}|The Brave Little {hero_bare}}",
        "{name?{name} and the Brave {hero_bare}|Be Brave, {hero_bare}}",
        "{hero_core_p} Brave Day",
    ],
    things: &["ladder", "bridge", "hill"],
    plots: &[
        Plot {
            name: "noise in the night",
            titles: &["{hero_core} and the Night-Time Noise", "Who Is There, {hero_bare}?"],
            steps: &[
                need(OPEN),
                extra(WALK),
                need(NOISE),
                need(DECIDE),
                extra(LOOK),
                need(REVEAL),
                extra(STARS),
                need(PROUD),
            ],
        },
        Plot {
            name: "trying again",
            titles: &["{hero_core} and the Big {thing}", "Try Again, {hero_bare}!"],
            steps: &[
                need(OPEN_WANT),
                extra(PRACTICE),
                need(TRY),
                extra(CHEER),
                need(SUCCEED),
                extra(CELEBRATE),
                extra(NEXT_DAY),
                need(PROUD),
            ],
        },
        Plot {
            name: "rescue",
            titles: &["{hero_core} to the Rescue"],
            steps: &[
                need(OPEN),
                extra(WALK),
                linked("little one", STUCK),
                extra(WOBBLY),
                linked("little one", RESCUE),
                extra(CELEBRATE),
                extra(NEXT_DAY),
                need(PROUD),
            ],
        },
    ],
    kid_chance: 0,
    moods: &["hopeful", "brave", "determined", "curious"],
    settings: &["the big green park", "the edge of the forest", "a little town by the hills", "a sunny meadow"],
    setting_lines: &["#({hero_s} lived {in_setting}.|{hero_s} lived {in_setting}{atmosphere?, where everything felt {mood}}.|{hero_s} lived {in_setting}, where {atmosphere?everything felt {mood} and }there was always something new to try.)"],
    pet_lines: &[
        "#({pet} was there too.|{pet} stayed close by.|{pet} stayed close by and {pet_did}, which always helped.)",
    ],
    place_lines: &[
        "#({hero_s} thought of {place}.|{hero_s} thought of {place} and felt braver.|{hero_s} thought of {place}, where everything felt safe and happy, and felt braver already.)",
    ],
    name_lines: &["#({name} cheered!|{name} cheered, \"Hooray!\"|{name} cheered the loudest cheer of all.)"],
};
