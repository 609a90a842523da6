//! Friendship: meeting someone new, getting to know each other, playing, sharing, a small
//! muddle put right with kindness, and friends at the end.

use super::{extra, need, Beat, Book, Plot};

const OPEN: Beat = &[
    &[
        r#"#({plural?(These are|Here are)|(This is|Here is)} {hero_a}.|Once upon a time, there {was} {hero_a}.|Once upon a time, {in_setting}, there lived {hero_a} with {plural?very big hearts|a very big heart}.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} with bright {color} lines.|{name} had drawn {it_o} with bright {color} lines, and given {it_o} the friendliest smile.)}"#,
        r#"#({hero_s} played (alone|all alone).|Every day, {hero_s} played all alone.|Every day, {hero_s} played all alone, and some days that felt a little bit quiet.)"#,
        r#"#("{I} want a friend," said {hero_s}.|"{I} wish {I} had a friend to play with," said {hero_s}.|"{I} wish {I} had a friend to share things with," said {hero_s} softly, looking up at the sky.)"#,
    ],
    &[
        r#"#({plural?Here are|Here is} {hero_a}.|{hero_a} lived {in_setting}.|{hero_a} lived {in_setting}, in a little house with a {color} door.)"#,
        r#"{artist?#({name} made {it_o}.|{name} made {it_o} with lots of love.|{name} had made {it_o} with lots of love and bright {color} lines.)}"#,
        r#"#({hero_s} felt {feeling}.|{hero_s} felt {feeling}, but also a little lonely.|{hero_s} felt {feeling} most of the time, but every now and then, just a tiny bit lonely.)"#,
        r#"#((Where is a friend?|Who will be {my} friend?)|"Where can {I} find a friend?" wondered {hero_s}.|"Where in the whole wide world can {I} find a friend?" wondered {hero_s}.)"#,
    ],
];

const OPEN_THING: Beat = &[
    &[
        r#"#({plural?These are|This is} {hero_a}.|{hero_a} had a brand-new {color} {thing}.|{hero_a} lived {in_setting}, and had a brand-new {color} {thing}.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o}, and the {thing} too.|{name} had drawn {it_o}, and the {thing} too, with bright {color} lines.)}"#,
        r#"#({hero_s} had a {color} {thing}.|{hero_s} played with it every day.|{hero_s} played with it every single day, but always alone.)"#,
        r#"#(But {hero_s} played alone.|But playing alone was not much fun.|But somehow, playing alone was not quite as much fun as {hero_s} had hoped.)"#,
    ],
    &[
        r#"#(Look, it's {hero_a}!|Once upon a time, {hero_a} found a {color} {thing}.|One morning, {hero_a} found a shiny {color} {thing} {in_setting}.)"#,
        r#"#({hero_s} found a {color} {thing}.|)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} today.|{name} had drawn {it_o} that very day, and the {thing} was a surprise.)}"#,
        r#"#("Mine, all mine!" said {hero_s}.|"It's all mine!" said {hero_s}, hugging it tight.|"This {thing} is all mine," said {hero_s}, hugging it tight.)"#,
    ],
];

const WANDER: Beat = &[
    &[
        r#"#({hero_s} went for a walk.|{hero_s} {went} out for a walk.|One morning, {hero_s} {went} off through {setting}, looking all around.)"#,
        r#"#((Two birds sang together.|Two ducks swam together.)|Two birds were singing together in a tree.|Two little birds were singing together in a tree, and two ducks were paddling side by side.)"#,
        r#"#({refrain}.|"Everyone has a friend," thought {hero_s}.|"Everyone seems to have a friend," thought {hero_s}, with a small sigh.)"#,
    ],
    &[
        r#"#({refrain}! Off {hero_s} went.|{hero_s} {went} off to look for a friend.|So {hero_s} {went} off to look for a friend, past the (pond|big oak tree|little bridge).)"#,
        r#"#(Hello, snail? No.|{hero_s} said hello to a snail, but the snail was asleep.|{hero_s} said hello to a snail, but the snail was fast asleep and did not hear.)"#,
        r#"#(Hello, frog? No.|{hero_s} said hello to a frog, but the frog hopped away.|{hero_s} said hello to a frog, but the frog was in a hurry and hopped away.)"#,
    ],
];

const MEET: Beat = &[
    &[
        r#"#(Then {hero_s} (saw|met) {helper_a}.|One day, {hero_s} met {helper_a}.|One (sunny|breezy) day, {hero_s} met {helper_a}, sitting all alone by the path.)"#,
        r#"#("Hello," said {hero_s}.|"Hello," said {hero_s} with a wave.|"Hello," said {hero_s}, with a small, hopeful wave.)"#,
        r#"#("Hello," said {helper}.|"Hello," said {helper} shyly.|"Hello," said {helper}, very quietly, not quite sure what to say next.)"#,
        r#"#((Two shy friends!|Shy, shy, shy!)|They were both a little shy.|They were both a little shy, and for a moment nobody knew what to say.)"#,
    ],
    &[
        r#"#(Bump! Oh! It's {helper_a}!|{hero_s} bumped into {helper_a}.|While {going} along, {hero_s} bumped right into {helper_a}.)"#,
        r#"#("Oops! Sorry!"|"Oops! So sorry!" said {hero_s}.|"Oops! So sorry!" said {hero_s}, helping {helper} up.)"#,
        r#"#(They giggled.|Then they both giggled.|Then they looked at each other, and they both began to giggle.)"#,
        r#"#("Want to play?"|"Do you want to play?" asked {hero_s}.|"Would you like to play with {me}?" asked {hero_s}.)"#,
    ],
];

const GET_TO_KNOW: Beat = &[
    &[
        r#"#({color?{helper} liked {color}.|{helper} liked puddles.}|{color?{helper} liked the color {color} too.|{helper} liked splashing in puddles too.}|{color?It turned out that {helper} loved the color {color} too, and counting clouds!|It turned out that {helper} loved counting clouds and splashing in puddles too!})"#,
        r#"#({color?{hero_s} liked {color} too!|{hero_s} did too!}|"Me too!" said {hero_s}.|"Me too!" said {hero_s}, and it felt like the sun had come out.)"#,
        r#"#(Same, same!|They had so much in common.|The more they talked, the more they found they had in common.)"#,
    ],
    &[
        r#"#("What do you like?"|"What do you like to do?" asked {helper}.|"What do you like to do best of all?" asked {helper}.)"#,
        r#"#("{I} like to {go}!" said {hero_s}.|"{I} love to {go} and sing!" said {hero_s}.|"{I} love to {go}, and sing, and look at the stars," said {hero_s}.)"#,
        r#"#("Me too!" said {helper}.|"Me too!" said {helper}.|"So do I!" said {helper}, with a great big smile.)"#,
    ],
];

const PLAY: Beat = &[
    &[
        r#"#((They took turns.|Your turn! My turn!)|They took turns with a {color} {thing}.|They took turns with a {color} {thing} all afternoon, laughing and (cheering|clapping) each other on.)"#,
        r#"#((My turn! Your turn!|Again! Again!)|Your turn, my turn, your turn, my turn!|Your turn, my turn, your turn, my turn, until the sky turned {color2} and gold.)"#,
        r#"#((What fun!|So much fun!)|It was so much fun.|It was more fun than {hero_s} had ever had alone.)"#,
    ],
    &[
        r#"#((Hide and seek!|Let's hide!)|They played hide and seek.|They played hide and seek among the (trees|flowers|rocks), taking turns to count to ten.)"#,
        r#"#("Ready or not!"|"One, two, three, here I come!" called {helper}.|"Eight, nine, ten, here I come!" called {helper}, peeking around a rock.)"#,
        r#"#({hero_s} hid. Giggle, giggle!|{hero_s} giggled so much, {helper} found {it_o} right away.|But {hero_s} giggled so loudly that {helper} found {it_o} straight away.)"#,
    ],
    &[
        r#"#((They built a tower.|Build, build, build!)|Together they built a tall, wobbly tower of (stones|sticks|pebbles).|Together they built the tallest, wobbliest tower of (stones|sticks|leaves) the world had ever seen.)"#,
        r#"#(Up, up, up! Crash!|Then, crash! It fell down.|Then, with a wobble and a crash, down it came.)"#,
        r#"#(They laughed and laughed!|They laughed and built it again.|They laughed so hard that they had to sit down, and then they built it all over again.)"#,
    ],
];

const MUDDLE: Beat = &[
    &[
        r#"#((Oh no! One ball. Two friends.|Uh-oh! Just one ball!)|Then they both wanted the (same ball|last turn with the ball) at the same time.|Then, uh-oh, they both wanted the very same ball at exactly the same time.)"#,
        r#"#("Mine!" "No, mine!"|"Mine!" said {hero_s}. "Mine!" said {helper}.|"It's my turn!" said {hero_s}. "No, it's mine!" said {helper}.)"#,
        r#"#(Then {hero_s} said, "You first."|Then {hero_s} had an idea. "You go first," said {hero_s}.|Then {hero_s} took a deep breath and said, "You go first, and then me.")"#,
        r#"#(Taking turns is fun!|Taking turns made it even more fun.|Taking turns, it turned out, made everything twice as much fun.)"#,
    ],
    &[
        r#"#({helper} looked sad.|{helper} looked a little sad.|{helper} looked a little sad, because {hero_s} had run off without waiting.)"#,
        r#"#("Sorry," said {hero_s}.|"Sorry," said {hero_s}. "I should have waited."|"Sorry I didn't wait for you," said {hero_s}, and really meant it.)"#,
        r#"#(Hug!|They had a big hug.|Then they had the biggest hug, and everything felt better.)"#,
    ],
];

const HELP: Beat = &[
    &[
        r#"#(Oh no! {helper} was stuck!|Oh no! {helper} was stuck in a bush.|Oh no! {helper} was stuck in a prickly bush and could not get out.)"#,
        r#"#({hero_s} helped. Pull!|{hero_s} pulled, very gently.|{hero_s} held on and pulled, very gently: one, two, three.)"#,
        r#"#(Pop! Out!|Pop! Out came {helper}.|Pop! Out came {helper}, a little bit ruffled, but perfectly fine.)"#,
        r#"#("Thank you!"|"Thank you, friend!" said {helper}.|"Thank you, friend!" said {helper}, and gave {hero_s} a hug.)"#,
    ],
    &[
        r#"#({helper} was lost.|{helper} could not find the way home.|{helper} had wandered too far and could not find the way home.)"#,
        r#"#("{we} will help!" said {hero_s}.|"{we} can help!" said {hero_s}.|"Don't worry, {we} will help you," said {hero_s}.)"#,
        r#"#(They looked and looked.|Together they looked and looked.|Together they looked behind hills and under bridges, until at last they saw it.)"#,
        r#"#("Home!" said {helper}.|"There it is, my home!" said {helper}.|"There it is, my home! Thank you!" cried {helper}, bouncing with joy.)"#,
    ],
    &[
        r#"#(Drip, drop! Rain! {helper} was cold.|Then it started to rain, and {helper} was cold.|Then it started to rain, and {helper} shivered, cold and damp.)"#,
        r#"#({hero_s} shared a big leaf.|{hero_s} held up a big leaf over them both.|{hero_s} held up a big leaf over them both, with plenty of room for two.)"#,
        r#"#(Cozy and dry!|Now they were both cozy and dry.|Snug under the leaf, they listened to the pitter-patter and felt cozy and dry.)"#,
    ],
];

const HELP_BACK: Beat = &[&[
    r#"#(Then {hero_s} needed help.|Later, {hero_s} needed some help too.|Later that day, it was {hero_sp} turn to need some help.)"#,
    r#"#(The apples were too high.|The apples were too high for {hero_s}.|The juiciest apples were just too high for {hero_s} to reach.)"#,
    r#"#({helper} helped!|So {helper} came to help.|So {helper} helped, of course, because that is what friends do.)"#,
    r#"#(Yum! Share!|They shared them all.|And they shared every single one, right down to the last crunchy bite.)"#,
]];

const SHARE: Beat = &[
    &[
        r#"#({helper} looked at the {thing}.|{helper} looked at the {thing} and sighed.|{helper} looked at the {thing} with big, wishing eyes.)"#,
        r#"#({hero_s} thought and thought.|{hero_s} thought for a moment.|{hero_s} thought about it for a long, quiet moment.)"#,
        r#"#("Let's share!"|"Let's share it!" said {hero_s}.|"Would you like to play with it too?" asked {hero_s}.)"#,
        r#"#(Sharing is fun!|Playing together was much more fun.|And playing together, it turned out, was much more fun than playing alone.)"#,
    ],
    &[
        r#"#({helper} had no {thing}.|{helper} did not have a {thing} to play with.|{helper} had nothing to play with at all.)"#,
        r#"#({hero_s} held the {thing} tight.|At first, {hero_s} held the {thing} very tight.|At first, {hero_s} held on to the {thing} very tight, and said nothing.)"#,
        r#"#(Then, "Here! Let's share!"|Then {hero_s} said, "Here, let's share!"|Then {hero_s} smiled and held it out. "Here," said {hero_s}. "Let's share.")"#,
        r#"#({helper} smiled. Hooray!|{helper} smiled the biggest smile.|{helper} smiled the biggest smile, and the whole day felt brighter.)"#,
    ],
];

const PARTY: Beat = &[
    &[
        r#"#((Party time!|Let's have a party!)|Then they had a little party.|That evening, they had a little party with {color} flags and {color2} balloons.)"#,
        r#"{pet?#({pet} came too!|{pet} came to the party too.|{pet} came to the party too, and {pet_did}.)}"#,
        r#"#(Dance, dance, dance!|Everyone danced and sang.|Everyone danced and sang until the moon came out to watch.)"#,
    ],
    &[
        r#"#((Picnic time!|A picnic for two!)|They had a picnic on the grass.|They spread a {color} blanket on the grass and had a picnic for two.)"#,
        r#"#(One for you. One for me.|One for you, and one for me!|One sandwich for you, one sandwich for me, and one more to share!)"#,
        r#"#(Yum, yum!|Everything tasted better together.|Somehow, everything tasted even better when it was shared.)"#,
    ],
];

const END: Beat = &[
    &[
        r#"#((Now they were friends.|Friends at last!)|From that day on, {hero_s} and {helper} were best friends.|From that day on, {hero_s} and {helper} were the very best of friends.)"#,
        r#"#((Best friends!|Friends forever!)|They played together every day.|They played together every day, and no day ever felt quiet again.)"#,
        r#"{artist?#({name} smiled.|{name} smiled, because {hero_s} had a friend.|And {name}, who had drawn {hero_s} with so much love, smiled the biggest smile of all.)|#(The end.|The end.|And that is how two friends found each other.)}"#,
    ],
    &[
        r#"#((The sun went down.|Sunset time.)|As the sun went down, the two friends sat side by side.|As the sun went down, painting the sky {color} and {color2}, the two friends sat side by side.)"#,
        r#"#("See you tomorrow?" asked {helper}.|"See you tomorrow?" asked {helper}.|"Will you play with me again tomorrow?" asked {helper}.)"#,
        r#"#("Yes!" said {hero_s}.|"Yes, every day!" said {hero_s}.|"Tomorrow, and the day after, and the day after that," said {hero_s}.)"#,
        r#"{artist?#({name} clapped.|And {name} clapped, happy for {hero_s}.|And {name} clapped, because a drawing with a friend is the happiest drawing of all.)}"#,
    ],
    &[
        r#"{name?#(They went to see {name}.|{hero_s} took {helper} home to meet {name}.|{hero_s} took {helper} home to meet {name}, who had a special drawing ready.)|#(They went home together.|{hero_s} and {helper} went home together.|{hero_s} and {helper} walked home together, chatting all the way.)}"#,
        r#"{name?#("Hello!" said {name}.|"Welcome, friend!" said {name}.|"Any friend of yours is a friend of mine," said {name}, and drew {helper} a picture too.)}"#,
        r#"#((Friends are the best.|Hooray for friends!)|Friends make everything better.|Because friends, as everyone knows, make everything better.)"#,
    ],
];

pub(crate) const BOOK: Book = Book {
    titles: &[
        "{hero_core} {plural?Make|Makes} a Friend",
        "A Friend for {hero_core}",
        "{hero_core} and {helper_a}",
        "{name?{name}, {hero_core} and a New Friend|{hero_core} and the Best of Friends}",
    ],
    things: &["ball", "kite", "drum", "bicycle"],
    plots: &[
        Plot {
            name: "new friend",
            titles: &["{hero_core} {plural?Say|Says} Hello"],
            steps: &[
                need(OPEN),
                extra(WANDER),
                need(MEET),
                extra(GET_TO_KNOW),
                need(PLAY),
                extra(MUDDLE),
                extra(PARTY),
                need(END),
            ],
        },
        Plot {
            name: "helping",
            titles: &["A Helping Hand from {hero_core}"],
            steps: &[
                need(OPEN),
                extra(WANDER),
                need(HELP),
                extra(GET_TO_KNOW),
                extra(PLAY),
                extra(HELP_BACK),
                extra(PARTY),
                need(END),
            ],
        },
        Plot {
            name: "sharing",
            titles: &["{hero_core} and the {color} {thing}", "Sharing Is Fun, {hero_bare}!"],
            steps: &[
                need(OPEN_THING),
                extra(WANDER),
                need(MEET),
                need(SHARE),
                extra(PLAY),
                extra(HELP),
                extra(PARTY),
                need(END),
            ],
        },
    ],
    kid_chance: 0,
    moods: &["cheerful", "happy", "hopeful", "friendly"],
    settings: &["a sunny meadow", "the big green park", "a quiet little garden", "the edge of the woods"],
    setting_lines: &["#({hero_s} lived {in_setting}.|{hero_s} lived {in_setting}{atmosphere?, where everything felt {mood}}.|{hero_s} lived {in_setting}, where {atmosphere?everything felt {mood} and }there was room for lots of friends.)"],
    pet_lines: &[
        "#({pet} was there too.|{pet} {pet_did}.|{pet} {pet_did}, as if to say, \"I'm your friend too!\")",
    ],
    place_lines: &[
        "#(They played at {place} too.|Sometimes they played at {place}, too.|Sometimes they even played together at {place}, which was the best place of all.)",
    ],
    name_lines: &[
        "#({name} smiled.|{name} smiled at {hero_s}.|{name} smiled, because friends are the best thing in the world.)",
    ],
};
