//! Adventure: a call, a journey, a problem solved with a clever idea or a friend's help, and
//! the happy way home.

use super::{extra, linked, need, Beat, Book, Plot};

const CALL: Beat = &[
    &[
        r#"#({plural?(These are|Here are)|(This is|Here is)} {hero_a}.|Once upon a time, there {was} {hero_a}.|Once upon a time, {in_setting}, there lived {hero_a}.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} with (bright {color} lines|lots of love).|{name} had drawn {it_o} with (bold {color} lines|great care), and now {it_was} ready for an adventure.)}"#,
        r#"#({hero_s} felt {feeling}. (Hooray!|Yippee!)|One (bright|sunny|breezy) morning, {hero} felt {feeling}.|One (bright|sunny|breezy) morning, {hero} woke up feeling {feeling}, with a (tingly|fizzy) feeling that today would be special.)"#,
        r#"#("Let's go (exploring|on an adventure)!" said {hero_s}.|"Today is a day for (exploring|an adventure)!" said {hero_s}.|"Today feels like the perfect day for (exploring|an adventure)," {hero_s} announced to nobody in particular.)"#,
    ],
    &[
        r#"#({plural?Here are|Here is} {hero_a}.|{hero_a} lived {in_setting}.|{hero_a} lived {in_setting}, where every day was a little bit different.)"#,
        r#"{artist?#({name} made {it_o}.|{name} made {it_o} (with bright {color} lines|with lots of love).|{name} had made {it_o} with bright {color} lines and a lot of imagination.)}"#,
        r#"#({hero_s} heard a (voice|little voice).|One day, {hero_s} heard a tiny voice.|One morning, {hero_s} heard a tiny voice calling from somewhere far away.)"#,
        r#"#("Come and see!" said the voice.|"Come and see!" called the voice. "Come and see!"|"Come and see what's over the hill!" called the voice, and it sounded so friendly that {hero_s} simply had to go.)"#,
        r#"{kid?#("Me too!" said {name}.|"Let's go together!" said {name}.|"Let's go together!" said {name}, already hopping from foot to foot.)}"#,
    ],
    &[
        r#"#(Look, it's {hero_a}!|Far away, {in_setting}, lived {hero_a}.|Far away, {in_setting}, lived {hero_a}{proper?,} who had never, ever been on an adventure.)"#,
        r#"{artist?#({name} drew {it_o} today.|{name} drew {it_o} just today, with bright {color} lines.|{name} had drawn {it_o} only today, and the {color} lines were still bright and new.)}"#,
        r#"#({hero_s} wanted (an adventure|to explore).|{hero_s} wanted a real adventure.|So {hero_s} decided that today would be the day for a real adventure.)"#,
        r#"#("Adventure, here {I} come!"|"Adventure, here {I} come!" said {hero_s}.|"Adventure, here {I} come!" said {hero_s}, (bravely|boldly) stepping outside.)"#,
    ],
];

const MAP_CALL: Beat = &[
    &[
        r#"#({plural?These are|This is} {hero_a}.|One (sunny|windy) morning, {hero_a} {was} playing {in_setting}.|One windy morning, {hero_a} {was} playing happily {in_setting}, (chasing butterflies|counting clouds).)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o} with bright {color} lines.|{name} had drawn {it_o} with bold {color} lines and lots of love.)}"#,
        r#"#((Whoosh! A map flew by!|Flap, flap! A map!)|Whoosh! A crinkly old map came flying by.|Suddenly, whoosh! A crinkly old map came fluttering down from the sky and landed right in front of {hero_s}.)"#,
        r#"#(It had a big X on it.|On the map was a big {color} X.|In one corner was a big {color} X, and beside it someone had written, "Treasure for a (brave|curious) explorer.")"#,
    ],
    &[
        r#"#(Look, it's {hero_a}!|{hero_a} lived {in_setting}.|{hero_a} lived {in_setting}, in a snug little house with a (round|crooked|{color}) door.)"#,
        r#"{artist?#({name} made {it_o}.|{name} made {it_o} just today.|{name} had made {it_o} just today, and already {hero_s} {was} curious about everything.)}"#,
        r#"#((Knock, knock! A letter!|Look! A letter!)|One morning, a letter came under the door.|One morning, a letter slid under the door, all the way from somewhere far away.)"#,
        r#"#(Inside was a map.|Inside was a map with a dotted line.|Inside was a map with a dotted line that wiggled all the way to a big X.)"#,
        r#"#("{I} will find it!" said {hero_s}.|"A treasure map!" cried {hero_s}.|"A real treasure map!" cried {hero_s}, jumping up and down with joy.)"#,
    ],
];

const LOSS: Beat = &[
    &[
        r#"#({plural?These are|This is} {hero_a}.|One breezy day, {hero_a} {was} playing {in_setting}.|One breezy day, {hero_a} {was} playing {in_setting} with a (brand-new|favorite) {color} {thing}.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew {it_o}, and a {color} {thing} too.|{name} had drawn {it_o} that very day, {thing} and all.)}"#,
        r#"#({hero_s} had a {color} {thing}.|{hero_s} loved {its} {color} {thing} very much.|{hero_s} loved that {thing} more than almost anything.)"#,
        r#"#(Whoosh! Up it went!|Then, whoosh! The wind picked up the {thing}.|Then, whoosh! A cheeky gust of wind (snatched|swept) the {thing} away, up over the treetops, and out of sight.)"#,
        r#"#("Come back!" said {hero_s}.|"Come back, {thing}!" called {hero_s}.|"Come back, {thing}!" called {hero_s}, but the wind only whistled.)"#,
    ],
    &[
        r#"#({plural?Here are|Here is} {hero_a}.|{hero_a} had a (lovely|special) {color} {thing}.|{hero_a} had a {color} {thing} that was as {color} as {color_like}.)"#,
        r#"{artist?#({name} drew {it_o}.|{name} drew them both, with lots of love.|{name} had drawn them both with great care, and they were the best of friends.)}"#,
        r#"#({hero_s} had a {color} {thing}.|)"#,
        r#"#(Oh no! The {thing} flew away!|But one day, the wind blew the {thing} far away.|But one blustery afternoon, the wind gave a great big whoosh and carried the {thing} over the hills and out of sight.)"#,
        r#"#("{I} will find it!" said {hero_s}.|"Don't worry, {I} will find it!" said {hero_s}.|"Don't worry, {I} will find you!" called {hero_s}, and set off at once.)"#,
    ],
];

const SET_OFF: Beat = &[
    &[
        r#"#({hero_s} packed a (snack|picnic).|{hero_s} packed a little basket with (apples|sandwiches|cookies).|{hero_s} packed a little basket with (crunchy apples|tasty sandwiches|crumbly cookies), a cup to drink from, and a tiny blanket, just in case.)"#,
        r#"{kid?#({name} came too.|{name} came along too, skipping happily.|{name} came along too, skipping and humming a marching song.)}"#,
        r#"{pet?#({pet} came too!|{pet} came along too.|{pet} followed close behind and {pet_did}.)}"#,
        r#"#({refrain}! Off {group} went!|Then off {group} went, into {setting}.|Then {group} set off into {setting}, toward whatever was waiting.)"#,
    ],
    &[
        r#"#((Time to go!|Ready, set, go!)|{hero_s} put on {its} (best|favorite) (hat|scarf).|{hero_s} put on {its} favorite (hat|scarf), took a deep breath, and looked at the long path ahead.)"#,
        r#"{kid?#("Ready!" said {name}.|"Ready?" asked {name}.|"Ready when you are," said {name}, with a grin.)}"#,
        r#"{pet?#({pet} came too.|{pet} {pet_did}.|{pet} {pet_did}, ready to come along.)}"#,
        r#"#({refrain}! Away {group} went!|"Off {we} go!" said {hero_s}.|"Off {we} go, then!" said {hero_s}, and off {group} went.)"#,
    ],
];

const JOURNEY: Beat = &[
    &[
        r#"#({refrain}! {hero_s} {went} and {went}.|{group} {went} (over the hills|through the tall grass|along the winding path).|{group} {went} (over rolling hills|through whispering grass|along a winding path) for a long, long while, (humming a cheerful tune|counting clouds along the way).)"#,
        r#"#(The sun was warm.|The sun was warm and the birds were singing.|The sun was warm and bright, and somewhere nearby a little stream was (chattering|bubbling) to itself.)"#,
        r#"#({refrain}!|"What a lovely day," said {hero_s}.|{kid?"How much farther?" asked {name}, hopping over a puddle.|"{I} wonder what's around the next corner," said {hero_s}.})"#,
    ],
    &[
        r#"#((Up the hill. Down the hill.|Over the hill. Through the grass.)|Up the hill and down the hill {group} {went}.|{group} {went} up one hill and down the next, past (sleepy sheep|nodding daisies|a bubbling brook), under a sky as big as the whole world.)"#,
        r#"#({refrain}!|{pet?{pet} {pet_did}.|{hero_s} waved at a snail on a leaf.}|{pet?{pet} ran ahead and {pet_did}.|{hero_s} stopped to say hello to a snail, who was in no hurry at all.})"#,
        r#"#(On and on {they} went.|On and on {they} went.|On and on {they} went, following the path wherever it wanted to go.)"#,
    ],
    &[
        r#"#((Pitter, patter! Rain!|Drip, drop! Rain!)|Then a little rain cloud came along.|Then a little rain cloud drifted over and began to sprinkle gentle drops on everything.)"#,
        r#"#({hero_s} splashed in a puddle.|{hero_s} splashed in the puddles and laughed.|{hero_s} didn't mind one bit, and splashed in every puddle with a joyful splish and splosh.)"#,
        r#"#(Look! A rainbow!|Then the sun came out, and there was a rainbow!|When the sun peeked out again, a rainbow stretched across the sky, with a stripe as {color} as {color_like}.)"#,
    ],
];

const WONDER: Beat = &[
    &[
        r#"#(Look! {color} (flowers|tulips)!|Soon {hero_s} found a field of {color} flowers.|Before long, {hero_s} came upon a whole field of {color} flowers, swaying in the breeze like a rippling sea.)"#,
        r#"#(Sniff, sniff. Ahh!|"They're as {color} as {color_like}!" said {hero_s}.|"They're as {color} as {color_like}!" gasped {hero_s}, and bent down to sniff the nearest one.)"#,
        r#"#(A butterfly said hello.|A little butterfly landed right next to {hero_s}.|A butterfly with {color2} wings settled on a flower and seemed to wave hello.)"#,
    ],
    &[
        r#"#(What is that?|By the path, something was sparkling.|Beside the path, something was sparkling and twinkling in the sunshine.)"#,
        r#"#({color} stones! {color2} stones!|It was a pile of {color} and {color2} pebbles.|It was a pile of smooth pebbles, {color} and {color2}, each one polished as if by magic.)"#,
        r#"#({hero_s} picked one up.|{hero_s} picked the shiniest one to keep.|{hero_s} chose the shiniest one and tucked it away, to show {name?{name}|everyone at home} later.)"#,
    ],
    &[
        r#"#((Tweet, tweet! Birds!|Cheep, cheep! Birds!)|Up in a tree, some birds were singing.|High in a tall tree, a family of birds was singing the (cheeriest|sweetest) song {hero_s} had ever heard.)"#,
        r#"#({hero_s} sang too. La, la, la!|{hero_s} sang along, la, la, la!|{hero_s} couldn't help singing along, and it sounded (surprisingly|wonderfully) good.)"#,
        r#"#(What a happy song!|It was a very happy song.|It was the kind of song that makes your feet want to dance all by themselves.)"#,
    ],
];

const OBSTACLE: Beat = &[
    &[
        r#"#((Oh no! A big river!|Oh no! Deep water!)|Then {group} came to a wide, rushing river.|Then the path stopped at the edge of a wide, rushing river, much too deep to cross.)"#,
        r#"#(There was no way across.|There was no way across at all.|There was no way across anywhere, and the other side looked very far away.)"#,
        r#"#("Hmm," said {hero_s}.|"How will {we} get across?" wondered {hero_s}.|"How will {we} ever get across?" wondered {hero_s}, thinking hard.)"#,
    ],
    &[
        r#"#((Oh! Fog!|Oh! Gray fog everywhere!)|Then a thick, gray fog rolled in.|Then a thick, soft fog rolled in, gray and quiet.)"#,
        r#"#({hero_s} could not see.|{hero_s} could not see the path anymore.|Soon {hero_s} could not see the path, or the trees, or even the tip of {its} own nose.)"#,
        r#"#("Which way?" said {hero_s}.|"Which way now?" said {hero_s}.|"Which way should {we} go now?" whispered {hero_s}.)"#,
    ],
    &[
        r#"#(Oh no! A big, big hill!|Then {group} came to a very steep hill.|Then {group} came to the bottom of a hill so steep it seemed to touch the clouds.)"#,
        r#"#(It was too steep.|It was far too steep to climb.|Its rocky sides were much too steep and slippery to climb.)"#,
        r#"#("Oh dear," said {hero_s}.|"Oh dear, what now?" said {hero_s}.|"Oh dear," said {hero_s}, sitting down on a rock to think.)"#,
    ],
    &[
        r#"#(Oh! A big gate with bells!|Then {group} came to a tall {color2} gate with tiny bells.|Then {group} came to a tall {color2} gate, covered in curly patterns and tiny bells.)"#,
        r#"#(It was shut.|The gate was shut tight.|The gate was shut tight, and it would not open.)"#,
        r#"#("Hello?" said {hero_s}.|"Hello? Can {we} come in?" called {hero_s}.|"Hello? May {we} please come in?" called {hero_s} politely.)"#,
    ],
];

/// Answers to `OBSTACLE`, telling for telling.
const SOLUTION: Beat = &[
    &[
        r#"(#(Then {helper_a} came by.|Just then, {helper_a} came by.|Just then, {helper_a} came by and listened carefully to the problem.) #("Use the stones!" said {helper}.|"Try the stepping stones!" said {helper}.|"There are stepping stones just around the bend," said {helper}, pointing the way.) #(Hop, hop, hop! Across!|{hero_s} hopped from stone to stone, all the way across.|So {hero_s} hopped from stone to stone, wobbling only a little, all the way across.) #("Thank you!"|"Thank you!" called {hero_s}.|"Thank you!" called {hero_s} from the other side, waving happily.)|#({hero_s} had an idea.|Then {hero_s} had a clever idea.|Then {hero_s} had a clever idea, the kind that makes your ears tingle.) #(A fallen tree! Push, push!|{hero_s} pushed a fallen tree over the river.|{hero_s} found a tall tree that had fallen down, and pushed it, heave-ho, until it reached right across the river.) #(Across {they} went!|Then {they} walked across, very carefully.|Then, one careful step at a time, {they} crossed to the other side.) #(Hooray!|"Hooray!" cheered {hero_s}.|"Hooray! {we} did it!" cheered {hero_s}, doing a little happy dance.))"#,
    ],
    &[
        r#"(#(Look! Little lights!|Then some tiny lights came twinkling through the fog.|Then, one by one, tiny lights came twinkling through the fog: fireflies, dozens of them.) #("Follow us!" they said.|"Follow us!" buzzed the fireflies.|"Follow us!" buzzed the fireflies, and they lit up a glowing path.) #({hero_s} followed the lights.|{hero_s} followed them, step by step.|{hero_s} followed them, step by careful step, until the fog melted away.)|#("Hello!" said {helper_a}.|"This way!" called {helper_a} from somewhere nearby.|"This way, follow my voice!" called {helper_a} from somewhere nearby.) #({hero_s} followed the voice.|{hero_s} followed the friendly voice.|{hero_s} followed the friendly voice, one slow step at a time.) #(The fog went away!|Soon the fog drifted away.|Soon the fog drifted away, and there was {helper}, smiling.) #("Thank you!" said {hero_s}.|"Thank you!" said {hero_s}.|"Thank you, friend!" said {hero_s}, feeling warm all the way through.))"#,
    ],
    &[
        r#"(#({hero_s} had an idea.|Then {hero_s} had a clever idea.|Then {hero_s} had a clever idea: why go straight up, when you could go zigzag?) #(Zig! Zag! Zig! Zag!|Zig, zag, zig, zag, {group} {went} up the hill.|Zig this way, zag that way, {group} {went} up the hill, one easy bit at a time.) #(At the top! Hooray!|At the top, {they} cheered, "Hooray!"|At last {they_were} at the very top, puffing a little and cheering, "Hooray!")|#(Then {helper_a} came by.|Just then, {helper_a} came by.|Just then, {helper_a} came by and smiled a knowing smile.) #("Try the tunnel!" said {helper}.|"There is a little tunnel!" said {helper}.|"There is a secret tunnel through the hill, just behind those ferns," said {helper}.) #(In and out! Hooray!|Through the tunnel {group} {went}, and out the other side.|Through the cool, dim tunnel {group} {went}, and out into the sunshine on the other side.) #("Thank you!" said {hero_s}.|"Thank you!" said {hero_s}.|"Thank you!" called {hero_s}, waving goodbye.))"#,
    ],
    &[
        r#"(#(Ring, ring! The bells rang.|{hero_s} gently rang the tiny bells.|{hero_s} noticed the tiny bells and rang them, very gently, one after another.) #(The gate opened. Creak!|With a creak, the gate swung open.|With a long, slow creak, the gate swung open all by itself.) #("Thank you, gate!"|"Thank you, gate!" said {hero_s}.|"Well, thank you very much, gate," said {hero_s}, with a little bow.)|#({hero_s} said, "Please?"|Then {hero_s} remembered the magic word.|Then {hero_s} remembered the most magic word of all.) #("Please?" Creak! It opened!|"Please?" said {hero_s}, and the gate creaked open.|"Please?" said {hero_s}, and with a happy jingle of bells, the gate creaked open.) #(Good manners work!|Good manners open lots of doors.|It turns out that good manners can open all sorts of doors.))"#,
    ],
];

const LOOKOUT: Beat = &[
    &[
        r#"#(Up, up, up! Look!|From the top of a hill, {hero_s} could see far away.|From the top of a grassy hill, {hero_s} could see the whole wide world spread out below like a picture.)"#,
        r#"{place?#(There was {place}!|There was {place}, tiny in the distance.|Far off, tiny in the distance, was {place}, and {hero_s} waved hello to it.)|#(Everything looked tiny!|Everything looked so tiny.|The houses looked tiny, and the rivers looked like thin silver lines.)}"#,
        r#"#("Wow!" said {hero_s}.|"What a view!" said {hero_s}.|"What a view," said {hero_s}, sitting down to rest and take it all in.)"#,
    ],
    &[
        r#"#(A tall tree! Up {hero_s} climbed.|{hero_s} climbed up a tall tree to look around.|{hero_s} climbed, branch by branch, to the top of the tallest tree to look around.)"#,
        r#"#(So much to see!|{hero_s} could see for miles and miles.|From up there, {hero_s} could see for miles: meadows, houses, and a river that sparkled {color2}.)"#,
        r#"{place?#(Look, {place}!|{hero_s} could even see {place}!|{hero_s} could even spot {place}, and that made {hero_s} feel right at home.)|#(Hello, world!|"Hello, world!" called {hero_s}.|"Hello, world!" called {hero_s}, and a passing bird called hello right back.)}"#,
    ],
];

const CHASE: Beat = &[
    &[
        r#"#({hero_s} ran after it.|{hero_s} {went} after the {thing} as fast as {it} could.|{hero_s} {went} after the {thing} as fast as {it} possibly could, past the pond and the old oak tree.)"#,
        r#"#({refrain}!|But the {thing} was too fast.|But the {thing} just floated higher and higher, dancing on the wind.)"#,
        r#"{kid?#({name} ran too!|{name} ran too, calling, "Wait!"|{name} ran alongside, calling, "Wait for us!")}"#,
        r#"#(Where did it go?|Where had it gone?|Where could it possibly have gone?)"#,
    ],
    &[
        r#"#({hero_s} looked up high.|{hero_s} looked up in the trees.|{hero_s} looked high in the trees and low under the bushes.)"#,
        r#"#(No {thing}.|There was no {thing} there.|But there was no {thing} anywhere, only a surprised squirrel and a very old acorn.)"#,
        r#"{pet?#({pet} looked too!|{pet} helped look.|{pet} helped look too, and {pet_did}.)}"#,
        r#"#({refrain}! On {they} went.|So on {they} went.|So on {they} went, looking this way and that.)"#,
    ],
];

const ASK: Beat = &[
    &[
        r#"#(Then {hero_s} met {helper_a}.|Soon {hero_s} met {helper_a}.|Soon {hero_s} met {helper_a}, who seemed to know everything about everywhere.)"#,
        r#"#("Have you seen {my} {thing}?"|"Have you seen {my} {color} {thing}?" asked {hero_s}.|"Excuse me, have you seen a {color} {thing}?" asked {hero_s} politely.)"#,
        r#"#("Yes! That way!" said {helper}.|"Yes, it went that way!" said {helper}.|"Why, yes! It flew right over the hill, toward the tallest tree," said {helper}.)"#,
        r#"#("Thank you!" said {hero_s}.|"Thank you!" said {hero_s}.|"Thank you so much!" said {hero_s}, and hurried on.)"#,
    ],
    &[
        r#"#("Hello!" said a little voice.|"Hello there!" said a little voice.|"Hello there!" said a little voice from behind a flower.)"#,
        r#"#(It was {helper_a}.|It was {helper_a}.|It was {helper_a}, smiling the friendliest smile.)"#,
        r#"#("{I} lost {my} {thing}," said {hero_s}.|"{I} lost {my} {thing}," said {hero_s} sadly.|"{I} lost {my} {color} {thing}," said {hero_s}, feeling a little bit sad.)"#,
        r#"#("Follow me!" said {helper}.|"Don't worry, follow me!" said {helper}.|"Don't worry, I think I know where it is. Follow me!" said {helper}.)"#,
    ],
];

const FOUND: Beat = &[
    &[
        r#"#((Look! There it is!|There! Up in the tree!)|And there, in the tallest tree, was the {thing}!|And there, caught in the branches of the tallest tree, was the {color} {thing}, fluttering in the breeze.)"#,
        r#"#({hero_s} reached up high.|{hero_s} stretched up as high as {it} could.|{hero_s} stretched up, higher and higher, until at last {it} could just reach it.)"#,
        r#"#(Got it! Hooray!|Got it! Hooray!|Got it! "Hooray!" cheered {hero_s}, holding the {thing} tight.)"#,
    ],
    &[
        r#"#(Splash! What is that?|Then, by a pond, {hero_s} saw something {color}.|Then, floating gently on a pond, {hero_s} spotted something {color}.)"#,
        r#"#(The {thing}!|It was the {thing}!|It was the {thing}, bobbing up and down on the water!)"#,
        r#"#({hero_s} hugged it.|{hero_s} fished it out and hugged it tight.|{hero_s} fished it out with a long stick and gave it a great big hug.)"#,
    ],
];

const CELEBRATE: Beat = &[
    &[
        r#"#((Time for a picnic!|Picnic time!)|Then it was time for a picnic.|Then it was time for a picnic on a soft patch of grass, with a {color} blanket spread out in the sun.)"#,
        r#"#(Yum, yum!|There were sandwiches and sweet strawberries.|There were crunchy sandwiches, juicy strawberries, and cookies so good they made everyone giggle.)"#,
        r#"{pet?#({pet} had a snack too.|{pet} had a snack too.|{pet} had a little snack too, and {pet_did}.)}"#,
        r#"{helper_met?#({helper} came too!|{helper} came to the picnic too.|{helper} joined the picnic too, and told the funniest stories.)}"#,
    ],
    &[
        r#"#((Hooray! Dance time!|Let's dance!)|Everyone did a happy dance.|Everyone did a happy dance, twirling and wiggling until they were dizzy with joy.)"#,
        r#"#(Wiggle! Jiggle! Twirl!|Wiggle, jiggle, twirl and whirl!|Wiggle, jiggle, twirl and whirl, and one more wiggle for luck!)"#,
        r#"#({hero_s} laughed and laughed.|{hero_s} laughed until {its} tummy wobbled.|{hero_s} laughed so much that {it_was} quite out of breath.)"#,
    ],
];

const TREASURE: Beat = &[
    &[
        r#"#((Here is the X!|X marks the spot!)|At last {group} found the big X.|At last {group} found the spot marked with the big X, right under an old apple tree.)"#,
        r#"#(Dig, dig, dig!|{hero_s} dug and dug.|{hero_s} dug, and dug, and dug some more, until there was a (clunk|thunk).)"#,
        r#"#(A box! And in the box, a book!|Inside a little box was a book of stories.|Inside a little wooden box was a book full of stories, and every story was about a brave explorer just like {hero_s}.)"#,
    ],
    &[
        r#"#(Here it is!|At last {they} reached the X.|At last, following the dotted line all the way, {they} reached the X.)"#,
        r#"{place?#(It was by {place}!|It was right by {place}!|And guess where it was? Right by {place}!)}"#,
        r#"#(A chest! Open it!|There was a little chest, shining {color2}.|There was a little chest there, shining {color2} in the sun, with a lid that creaked as it opened.)"#,
        r#"#(Inside: {color} shells!|Inside were {color} shells and a note.|Inside were {color} shells, a shiny golden key, and a note that said, "The best treasure is a friend to share it with.")"#,
    ],
    &[
        r#"#(Found it!|The X was on a sunny hilltop.|The X led them to a sunny hilltop, where the grass was soft and the wind smelled of flowers.)"#,
        r#"#(But where is the treasure?|But the treasure was nowhere to be seen.|But there was nothing there at all, just a wooden bench with a view.)"#,
        r#"#({hero_s} sat down. Oh! Wow!|{hero_s} sat down and looked out.|{hero_s} sat down on the bench and looked out, and then {it} understood.)"#,
        r#"#(What a view!|The view was the treasure!|The whole beautiful world below, glowing {color} and gold, was the treasure.)"#,
    ],
];

const HOME: Beat = &[
    &[
        r#"#(Then it was time to {go} (home|back home).|At last, it was time to {go} home.|As the sun began to set, painting the sky {color} and {color2}, it was time to {go} home.)"#,
        r#"{kid?#({name} and {hero_s} had a cuddle.|{name} and {hero_s} shared a cozy snack.|{name} and {hero_s} shared a cozy snack by the window and talked about everything they had seen.)|{artist?#({name} gave {hero_s} a big hug.|{name} gave {hero_s} a great big hug.|{name} was waiting at the door with a great big hug and a warm cup of cocoa.)}}"#,
        r#"#("What a day!" said {hero_s}.|"What an adventure!" said {hero_s} with a happy sigh.|"That was the best adventure ever," said {hero_s}, yawning a happy yawn.)"#,
        r#"{artist?#({name} smiled.|And {name} smiled, because {hero_s} {was} the best explorer ever.|And {name} smiled, because {hero_s} {was} the bravest, cleverest explorer in the whole wide world.)|#(The end.|What a wonderful day it had been.|And that is how an ordinary day became an extraordinary adventure.)}"#,
    ],
    &[
        r#"#((Home again, home again!|Back home!)|Then {group} {went} all the way home.|Then {group} {went} all the way home, just as the first stars began to twinkle.)"#,
        r#"#({refrain}!|{pet?{pet} was first through the door.|Home felt warm and cozy.}|{pet?{pet} was first through the door, of course.|Home was warm and cozy, and it was good to be back.})"#,
        r#"{kid?#("Again tomorrow!" said {name}.|"Let's go again tomorrow!" said {name}.|"Let's go exploring again tomorrow!" said {name}, and {hero_s} nodded happily.)|{name?#("Welcome home!" said {name}.|{name} said, "Tell me everything!"|{name} gave {hero_s} a squeeze and said, "Tell me everything, from the very beginning!")}}"#,
        r#"#(The end.|What an adventure!|And somewhere, far away, the next adventure was already waiting.)"#,
    ],
    &[
        r#"#({hero_s} {was} home. Yawn!|Back home, {hero_s} {was} tired and happy.|Back home at last, {hero_s} {was} tired, muddy, and happier than ever.)"#,
        r#"{artist?#({name} tucked {it_o} in.|{name} tucked {it_o} into bed.|{name} tucked {it_o} in, under a blanket as {color} as {color_like}.)}"#,
        r#"#("Again tomorrow?" asked {hero_s}.|"Can we go again tomorrow?" asked {hero_s}.|"Can we have another adventure tomorrow?" asked {hero_s} sleepily.)"#,
        r#"{name?#("Yes!" said {name}.|"Of course!" said {name}.|"Of course," said {name}, smiling. "Every day can be an adventure.")|#(Of course!|Of course! Every day is an adventure.|Of course! Every day can be an adventure, if you know where to look.)}"#,
    ],
];

pub(crate) const BOOK: Book = Book {
    titles: &[
        "{hero_core_p} Big Adventure",
        "{name?{name} and {hero_core} Go Exploring|{hero_core} {plural?Go|Goes} Exploring}",
        "{name?{name_p}|{hero_core_p}} Great {color} Adventure",
        "Over the Hills with {hero_core}",
    ],
    things: &["kite", "balloon", "hat", "scarf"],
    plots: &[
        Plot {
            name: "quest",
            titles: &["{hero_core} {plural?Find|Finds} the Way", "{name?{name} and {hero_core}|{hero_core} and the Long, Long Path}"],
            steps: &[
                need(CALL),
                extra(SET_OFF),
                extra(JOURNEY),
                extra(WONDER),
                linked("trouble", OBSTACLE),
                linked("trouble", SOLUTION),
                extra(LOOKOUT),
                need(HOME),
            ],
        },
        Plot {
            name: "lost",
            titles: &["{hero_core} and the Runaway {thing}", "{hero_core} {plural?Chase|Chases} the {color} {thing}"],
            steps: &[
                need(LOSS),
                extra(CHASE),
                extra(JOURNEY),
                need(ASK),
                extra(WONDER),
                need(FOUND),
                extra(CELEBRATE),
                need(HOME),
            ],
        },
        Plot {
            name: "map",
            titles: &["{hero_core} and the Treasure Map", "X Marks the Spot for {hero_core}"],
            steps: &[
                need(MAP_CALL),
                extra(SET_OFF),
                extra(JOURNEY),
                linked("trouble", OBSTACLE),
                linked("trouble", SOLUTION),
                extra(WONDER),
                need(TREASURE),
                extra(CELEBRATE),
                need(HOME),
            ],
        },
    ],
    kid_chance: 60,
    moods: &["curious", "excited", "happy", "bold"],
    settings: &["the big green forest", "a sunny meadow", "the rolling hills", "a little village"],
    setting_lines: &["#({hero_s} {was} {in_setting}.|{hero_s} lived {in_setting}{atmosphere?, where everything felt {mood}}.|{hero_s} lived {in_setting}, where {atmosphere?everything felt {mood} and }an adventure was never far away.)"],
    pet_lines: &[
        "#({pet} came too!|{pet} came along too, of course.|{pet} came along too, of course, and {pet_did}.)",
        "#({pet} {pet_did}.|{pet} {pet_did}, ready to help.|{pet} {pet_did}, ready for anything.)",
    ],
    place_lines: &[
        "#({hero_s} went past {place}.|On the way, {hero_s} passed {place} and waved hello.|On the way, {hero_s} went right past {place}, and waved a cheerful hello.)",
    ],
    name_lines: &[
        "#({name} clapped.|{name} clapped and cheered.|{name} clapped and cheered, because {hero_s} had been so brave.)",
    ],
};
