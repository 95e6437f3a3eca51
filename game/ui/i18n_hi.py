"""The window's words in Hindi, beyond the menus of `game.ui.i18n`: every screen's static
text (`PHRASES`, exact English -> Hindi) and its composed text (`PATTERNS`: English with
`{fields}` -> Hindi with the same fields; each field's text is translated in turn).
"""

from __future__ import annotations

PHRASES: dict[str, str] = {
    # the guided tour
    "Your dashboard": "आपका डैशबोर्ड",
    "Every indicator you can see, grouped. The small line is its history, a dashed line marks "
    "the level your objectives need, and the arrow shows last turn's move: green when it went "
    "your way, red when it did not. Hover a row for what it means.": (
        "आपको दिखने वाला हर संकेतक, समूहों में। छोटी रेखा उसका इतिहास है, धराशायी रेखा वह स्तर "
        "दिखाती है जो आपके उद्देश्यों को चाहिए, और तीर पिछली बारी का बदलाव: हरा जब वह आपके "
        "पक्ष में गया, लाल जब नहीं। किसी पंक्ति पर माउस रखें तो उसका अर्थ दिखेगा।"
    ),
    "The situation": "स्थिति",
    "Hot spots of this turn's events glow on the map, and the news below says what happened. "
    "Boundaries on the map are illustrative.": (
        "इस बारी की घटनाओं के हॉट स्पॉट नक्शे पर चमकते हैं, और नीचे के समाचार बताते हैं कि क्या "
        "हुआ। नक्शे की सीमाएँ केवल सांकेतिक हैं।"
    ),
    "Your decisions": "आपके निर्णय",
    "Each decision due this turn has a card. Choose with a click or the keys 1 to 4; Tab moves "
    "to the next decision. You can change your mind until you end the turn.": (
        "इस बारी के हर निर्णय का एक कार्ड है। क्लिक से या 1 से 4 कुंजियों से चुनें; Tab अगले "
        "निर्णय पर ले जाता है। बारी समाप्त करने तक आप अपना मन बदल सकते हैं।"
    ),
    "The forecast": "पूर्वानुमान",
    "Each option shows where the key indicators are likely to go next turn (median \u00b1 spread) "
    "and which advisors back it. The assessment below gives the chance of meeting each "
    "objective; press F for the fan chart. Poor intelligence makes forecasts blurrier.": (
        "हर विकल्प दिखाता है कि मुख्य संकेतक अगली बारी कहाँ जा सकते हैं (माध्यिका \u00b1 फैलाव) और "
        "कौन-से सलाहकार उसका समर्थन करते हैं। नीचे का आकलन हर उद्देश्य के पूरा होने की संभावना "
        "बताता है; पंखा चार्ट के लिए F दबाएँ। कमज़ोर खुफ़िया जानकारी पूर्वानुमान को धुंधला करती है।"
    ),
    "After every turn a summary traces every change of every number to its causes: your "
    "choices, the other side's, events, trends and delayed effects. W opens it again.": (
        "हर बारी के बाद सारांश हर संख्या के हर बदलाव को उसके कारणों तक ले जाता है: आपके निर्णय, "
        "दूसरे पक्ष के निर्णय, घटनाएँ, रुझान और देर से होने वाले असर। W उसे फिर खोलता है।"
    ),
    "End the turn": "बारी समाप्त करें",
    "When every decision has a choice, End turn (Enter) resolves it. The game saves itself "
    "after every turn. F1 shows all keys and can replay this tour.": (
        "जब हर निर्णय में विकल्प चुन लिया जाए, तो बारी समाप्त करें (Enter) उसका परिणाम निकालता है। "
        "खेल हर बारी के बाद अपने-आप सहेजा जाता है। F1 सभी कुंजियाँ दिखाता है और यह परिचय फिर "
        "चला सकता है।"
    ),
    "Skip tour": "परिचय छोड़ें",
    "Next": "आगे",
    "Start playing": "खेलना शुरू करें",
    # help
    "During a turn": "बारी के दौरान",
    "DURING A TURN": "बारी के दौरान",
    "choose an option of the focused decision": "चुने हुए निर्णय का एक विकल्प चुनें",
    "Tab, Left / Right": "Tab, Left / Right",
    "next or previous decision": "अगला या पिछला निर्णय",
    "Up / Down": "Up / Down",
    "highlight an option: its assessment shows below": (
        "किसी विकल्प को चिह्नित करें: उसका आकलन नीचे दिखता है"
    ),
    "confirm the highlighted option, or end the turn when all are decided": (
        "चिह्नित विकल्प पक्का करें, या सब तय हो जाने पर बारी समाप्त करें"
    ),
    "fan chart: how the options' outcomes spread": "पंखा चार्ट: विकल्पों के नतीजे कितने फैलते हैं",
    "assess the focused decision again with your other choices (a few a turn)": (
        "आपके दूसरे चुनावों के साथ चुने हुए निर्णय का फिर आकलन करें (हर बारी कुछ ही बार)"
    ),
    "what changed last turn, and why": "पिछली बारी क्या बदला, और क्यों",
    "how this world works: what moves each indicator, and what it moves": (
        "यह दुनिया कैसे चलती है: हर संकेतक को क्या बदलता है, और वह क्या बदलता है"
    ),
    "pause menu: save, load, settings, quit": "विराम मेनू: सहेजें, लोड करें, सेटिंग्स, बाहर निकलें",
    "write why you chose (a one-line note on the decision card)": (
        "लिखें कि आपने क्यों चुना (निर्णय कार्ड पर एक पंक्ति)"
    ),
    "glossary; dotted words: hover or click for their meaning": (
        "शब्दावली; बिंदीदार शब्द: अर्थ के लिए माउस रखें या क्लिक करें"
    ),
    "the real timeline, with your game's turns beside it": (
        "वास्तविक समयरेखा, साथ में आपके खेल की बारियाँ"
    ),
    "PgUp / PgDn, wheel": "PgUp / PgDn, माउस व्हील",
    "scroll the decisions, news or indicators": "निर्णय, समाचार या संकेतक सरकाएँ",
    "Anywhere": "कहीं भी",
    "ANYWHERE": "कहीं भी",
    "this help": "यह सहायता",
    "reload the scenario file and keep your place (for authors)": (
        "परिदृश्य फ़ाइल फिर लोड करें और अपनी जगह बनाए रखें (लेखकों के लिए)"
    ),
    "full screen on or off": "पूर्ण स्क्रीन चालू या बंद",
    "save a screenshot": "स्क्रीनशॉट सहेजें",
    "facilitator: pause, inject events, questions, lock settings, end": (
        "संचालक: विराम, घटनाएँ जोड़ना, प्रश्न, सेटिंग्स बंद करना, समाप्ति"
    ),
    "Show the guided tour": "परिचय दिखाएँ",
    "Every option shows its likely effects; advisors recommend; after each turn the summary "
    "traces every change to its causes. Mouse and keyboard both work everywhere.": (
        "हर विकल्प अपने संभावित असर दिखाता है; सलाहकार सिफ़ारिश करते हैं; हर बारी के बाद सारांश हर "
        "बदलाव को उसके कारणों तक ले जाता है। माउस और कीबोर्ड दोनों हर जगह काम करते हैं।"
    ),
    # pause and leaving
    "Glossary": "शब्दावली",
    "Real timeline": "वास्तविक समयरेखा",
    "The real timeline": "वास्तविक समयरेखा",
    "Your game is saved automatically after every turn.": (
        "आपका खेल हर बारी के बाद अपने-आप सहेजा जाता है।"
    ),
    "Leave this turn?": "यह बारी छोड़ें?",
    "The choices you made this turn are not saved yet: the game is saved after every turn. "
    "Leave for the main menu and lose them?": (
        "इस बारी में आपके चुनाव अभी सहेजे नहीं गए हैं: खेल हर बारी के बाद सहेजा जाता है। मुख्य "
        "मेनू पर जाकर उन्हें खो दें?"
    ),
    "Leave and lose them": "छोड़ें और उन्हें खो दें",
    "Stay in the turn": "बारी में बने रहें",
    "The choices you made this turn are not saved yet and will be lost.": (
        "इस बारी में आपके चुनाव अभी सहेजे नहीं गए हैं और खो जाएँगे।"
    ),
    "Your games are saved; Continue picks up where you left off.": (
        "आपके खेल सहेजे हुए हैं; जारी रखें वहीं से शुरू करता है जहाँ आपने छोड़ा था।"
    ),
    "Quit Strategic Convergence?": "Strategic Convergence बंद करें?",
    "Stay": "रुकें",
    # settings
    "Or drag the window's edges; the layout adapts.": (
        "या विंडो के किनारे खींचें; लेआउट अपने-आप ढल जाता है।"
    ),
    "F11 switches it anywhere.": "F11 इसे कहीं भी बदलता है।",
    "Scales every text in the game.": "खेल के सारे अक्षरों का आकार बदलता है।",
    "Good and bad differ in lightness, not just hue.": (
        "अच्छा और बुरा केवल रंग से नहीं, चमक से भी अलग दिखते हैं।"
    ),
    "Pulsing hot spots and a short fade between screens.": (
        "धड़कते हॉट स्पॉट और स्क्रीनों के बीच हल्का बदलाव।"
    ),
    "Soft cues for a new turn, a decision and a crisis.": (
        "नई बारी, निर्णय और संकट के लिए हल्की ध्वनियाँ।"
    ),
    "Loudness of the cues.": "ध्वनियों की तीव्रता।",
    "Play every option forward 1,000 times in the background.": (
        "पृष्ठभूमि में हर विकल्प को 1,000 बार आगे खेलकर देखें।"
    ),
    "full screen": "पूर्ण स्क्रीन",
    "English or \u0939\u093f\u0928\u094d\u0926\u0940. Hindi: the whole interface and Tariff "
    "Friction; other scenarios in English.": (
        "अंग्रेज़ी या हिन्दी। हिन्दी में: पूरा इंटरफ़ेस और टैरिफ़ टकराव; बाकी परिदृश्य अंग्रेज़ी में।"
    ),
    # world screen
    "How it works": "यह कैसे चलता है",
    "Model": "मॉडल",
    "What drives what": "क्या किसे चलाता है",
    "moves the highlighted box": "चिह्नित बॉक्स को बदलता है",
    "is moved by it": "इससे बदलता है",
    "drift: pulls on it every turn": "प्रवृत्ति: हर बारी उस पर खिंचाव",
    "through an event it can set off": "किसी घटना के ज़रिए जिसे यह शुरू कर सकता है",
    "How this world works": "यह दुनिया कैसे चलती है",
    "Tab or arrows: next box \u00b7 PgUp/PgDn: scroll the list": (
        "Tab या तीर: अगला बॉक्स \u00b7 PgUp/PgDn: सूची सरकाएँ"
    ),
    "What moves it": "इसे क्या बदलता है",
    "Nothing in the model moves it directly.": "मॉडल में कुछ भी इसे सीधे नहीं बदलता।",
    "What it moves": "यह क्या बदलता है",
    "It moves nothing directly.": "यह कुछ भी सीधे नहीं बदलता।",
    "Some of the model is hidden from players: what it does is not shown.": (
        "मॉडल का कुछ हिस्सा खिलाड़ियों से छिपा है: वह क्या करता है, यह नहीं दिखाया जाता।"
    ),
    "In words": "शब्दों में",
    "News and events": "समाचार और घटनाएँ",
    "It can end the game early.": "यह खेल को जल्दी समाप्त कर सकता है।",
    "Each turn it drifts on its own.": "हर बारी यह अपने-आप बदलता है।",
    "(varies)": "(बदलता रहता है)",
    "things hidden from players": "खिलाड़ियों से छिपी बातें",
    "event": "घटना",
    "decision": "निर्णय",
    # glossary and timeline
    "Search the glossary": "शब्दावली में खोजें",
    "type to search, Up/Down to choose": "खोजने के लिए लिखें, चुनने के लिए Up/Down",
    "No term matches. Backspace or Delete clears the search.": (
        "कोई शब्द नहीं मिला। Backspace या Delete खोज मिटाता है।"
    ),
    "You are here: the decisions of this turn are still open.": (
        "आप यहाँ हैं: इस बारी के निर्णय अभी खुले हैं।"
    ),
    "No decision for the players this turn.": "इस बारी खिलाड़ियों के लिए कोई निर्णय नहीं।",
    "Real events with their sources; the turns of your game are set beside them (highlighted). "
    "Events dimmed lie beyond the turn your game has reached.": (
        "वास्तविक घटनाएँ अपने स्रोतों के साथ; आपके खेल की बारियाँ उनके साथ रखी गई हैं (चिह्नित)। "
        "धुंधली घटनाएँ उस बारी से आगे की हैं जहाँ तक आपका खेल पहुँचा है।"
    ),
    # main menu, load
    "No saved games yet. Games are saved automatically after every turn.": (
        "अभी कोई सहेजा खेल नहीं। खेल हर बारी के बाद अपने-आप सहेजे जाते हैं।"
    ),
    "finished": "समाप्त",
    # new game
    "This scenario has errors: press Enter or click it to see them.": (
        "इस परिदृश्य में त्रुटियाँ हैं: उन्हें देखने के लिए Enter दबाएँ या उस पर क्लिक करें।"
    ),
    "Set by the class code: clear the code to choose yourself.": (
        "कक्षा कोड द्वारा तय: स्वयं चुनने के लिए कोड मिटाएँ।"
    ),
    "Reading the scenarios\u2026": "परिदृश्य पढ़े जा रहे हैं\u2026",
    "No scenarios found.": "कोई परिदृश्य नहीं मिला।",
    "mouse wheel or Up/Down": "माउस व्हील या Up/Down",
    "Set by the class code: everybody in the class plays the same dice.": (
        "कक्षा कोड द्वारा तय: कक्षा में सभी एक जैसे पासों से खेलते हैं।"
    ),
    "The same seed gives the same dice: share it to compare games fairly.": (
        "एक ही सीड से एक जैसे पासे मिलते हैं: खेलों की निष्पक्ष तुलना के लिए इसे साझा करें।"
    ),
    "That class code cannot be read.": "यह कक्षा कोड पढ़ा नहीं जा सका।",
    "Every turn of the scenario as written.": "परिदृश्य की हर बारी, जैसी लिखी गई है।",
    "The same story in at most 8 turns: about 25 minutes for two players.": (
        "वही कहानी अधिकतम 8 बारियों में: दो खिलाड़ियों के लिए लगभग 25 मिनट।"
    ),
    "A code from your teacher sets the scenario, seed, difficulty and rules.": (
        "आपके शिक्षक का कोड परिदृश्य, सीड, कठिनाई और नियम तय करता है।"
    ),
    "two players": "दो खिलाड़ी",
    "reasons required": "कारण लिखना आवश्यक",
    "no forecasts": "पूर्वानुमान नहीं",
    "no advisors": "सलाहकार नहीं",
    "quarterly": "तिमाही",
    "half-yearly": "छमाही",
    "yearly": "वार्षिक",
    "monthly": "मासिक",
    "standard": "मानक",
    "advanced": "उन्नत",
    "introductory": "प्रारंभिक",
    "easy": "आसान",
    "normal": "सामान्य",
    "hard": "कठिन",
    # briefing and players
    "two players at one machine": "एक कंप्यूटर पर दो खिलाड़ी",
    "PLAYERS": "खिलाड़ी",
    "e.g. Asha, Ben": "जैसे आशा, बेन",
    # summary
    "INDICATORS": "संकेतक",
    "rounding only": "केवल पूर्णांकन",
    "Up/Down or the wheel scroll the list": "Up/Down या माउस व्हील सूची सरकाते हैं",
    "trend (drift)": "रुझान (प्रवृत्ति)",
    " No decision was due on either side.": " किसी भी पक्ष का कोई निर्णय बाकी नहीं था।",
    # end screen
    "The game ended": "खेल समाप्त हुआ",
    "Tab switches": "Tab बदलता है",
    "No decisions were taken in this game.": "इस खेल में कोई निर्णय नहीं लिया गया।",
    "This scenario has no debrief questions.": "इस परिदृश्य में चर्चा के प्रश्न नहीं हैं।",
    "Writing the debrief\u2026": "डीब्रीफ़ लिखा जा रहा है\u2026",
    "not met": "पूरा नहीं हुआ",
    "met": "पूरा हुआ",
    # fan chart
    "Next turn (p10\u2013p90, median)": "अगली बारी (p10\u2013p90, माध्यिका)",
    "sharp": "सटीक",
    "fair": "ठीक-ठाक",
    "poor": "कमज़ोर",
    "now": "अभी",
    "Too small": "बहुत छोटा",
    "No data": "कोई आँकड़ा नहीं",
    # the turn
    "1 chooses": "1 चुनता है",
    "Nothing to decide \u00b7 Enter ends the turn": "तय करने को कुछ नहीं \u00b7 Enter बारी समाप्त करता है",
    "After your first turn, this shows what changed and why.": (
        "आपकी पहली बारी के बाद यह दिखाता है कि क्या बदला और क्यों।"
    ),
    "No decision this turn: fan charts show the options' outlook.": (
        "इस बारी कोई निर्णय नहीं: पंखा चार्ट विकल्पों का अनुमान दिखाते हैं।"
    ),
    "The assessment is not ready yet.": "आकलन अभी तैयार नहीं है।",
    "Assessments are switched off in Settings.": "सेटिंग्स में आकलन बंद हैं।",
    "every advisor": "हर सलाहकार",
    "No advisor backs this option": "कोई सलाहकार इस विकल्प का समर्थन नहीं करता",
    "fan chart": "पंखा चार्ट",
    "Intelligence is assessing the options\u2026 you can decide without waiting.": (
        "खुफ़िया विभाग विकल्पों का आकलन कर रहा है\u2026 आप बिना रुके निर्णय ले सकते हैं।"
    ),
    "Decision": "निर्णय",
    "Check": "देखें",
    "Read the news, check": "समाचार पढ़ें, देखें",
    "assessing\u2026": "आकलन जारी\u2026",
    "no assessment": "कोई आकलन नहीं",
    "Little to choose for my brief.": "मेरे दायित्व के हिसाब से चुनने को खास अंतर नहीं।",
    "Higher is better for you.": "आपके लिए अधिक बेहतर है।",
    "Lower is better for you.": "आपके लिए कम बेहतर है।",
    "Neither good nor bad in itself for you.": "अपने-आप में आपके लिए न अच्छा न बुरा।",
    "\nUnchanged since the last turn.": "\nपिछली बारी से अपरिवर्तित।",
    "\nClick for its fan chart.": "\nइसके पंखा चार्ट के लिए क्लिक करें।",
    "\nNot available now.": "\nअभी उपलब्ध नहीं।",
    "Unchanged since the last turn.": "पिछली बारी से अपरिवर्तित।",
    "Click for its fan chart.": "इसके पंखा चार्ट के लिए क्लिक करें।",
    "half-year": "छमाही",
    "quarter": "तिमाही",
    "year": "वर्ष",
    "month": "महीना",
    "Boundaries are illustrative, not authoritative.": ("सीमाएँ केवल सांकेतिक हैं, आधिकारिक नहीं।"),
    "Boundaries illustrative": "सीमाएँ सांकेतिक",
    "STRATEGIC CONVERGENCE": "STRATEGIC CONVERGENCE",
    "ECONOMY": "अर्थव्यवस्था",
    "ENERGY": "ऊर्जा",
    "DIPLOMACY": "कूटनीति",
    "SECURITY": "सुरक्षा",
    "POLITICS": "राजनीति",
    "OTHER": "अन्य",
    "real": "वास्तविक",
    "hypothetical": "काल्पनिक",
    # errors and reloading
    "the scenario could not be loaded": "परिदृश्य लोड नहीं हो सका",
    "Scenario errors": "परिदृश्य की त्रुटियाँ",
    "Try again": "फिर कोशिश करें",
    "This scenario can't be played yet": "यह परिदृश्य अभी खेला नहीं जा सकता",
    "Still not playable: the list is up to date.": "अभी भी खेलने योग्य नहीं: सूची अद्यतन है।",
    "Something went wrong": "कुछ गड़बड़ हो गई",
    "Back to the main menu": "मुख्य मेनू पर लौटें",
    "Sorry \u2014 the game hit an unexpected problem.": "क्षमा करें \u2014 खेल में एक अनपेक्षित समस्या आ गई।",
    "No game was in progress, so nothing was lost.": "कोई खेल चल नहीं रहा था, इसलिए कुछ नहीं खोया।",
    "The crash report could not be written.": "क्रैश रिपोर्ट लिखी नहीं जा सकी।",
    "The scenario file has errors": "परिदृश्य फ़ाइल में त्रुटियाँ हैं",
    "The scenario changed under your game": "आपके खेल के दौरान परिदृश्य बदल गया",
    "Keep the old version": "पुराना संस्करण रखें",
    "Restart from turn 1": "पहली बारी से फिर शुरू करें",
    # classroom
    "Type a new PIN of digits (Enter saves it). Leave it empty and press Enter to remove the "
    "PIN.": ("अंकों का नया पिन लिखें (Enter सहेजता है)। पिन हटाने के लिए खाली छोड़कर Enter दबाएँ।"),
    "Type the facilitator's PIN and press Enter.": "संचालक का पिन लिखें और Enter दबाएँ।",
    "Open the panel": "पैनल खोलें",
    "Save PIN": "पिन सहेजें",
    "PIN": "पिन",
    "no PIN": "कोई पिन नहीं",
    "PIN removed.": "पिन हटाया गया।",
    "PIN saved.": "पिन सहेजा गया।",
    "That is not the PIN.": "यह सही पिन नहीं है।",
    "No game is open: game actions need one.": "कोई खेल खुला नहीं है: खेल के कामों के लिए एक चाहिए।",
    "The game goes on.": "खेल जारी है।",
    "Set a PIN so that only you can unlock them.": "पिन तय करें ताकि केवल आप उन्हें खोल सकें।",
    "Settings are locked for the class.": "कक्षा के लिए सेटिंग्स बंद हैं।",
    "Settings are unlocked.": "सेटिंग्स खुली हैं।",
    "End the game now?": "खेल अभी समाप्त करें?",
    "The game ends at once and the ending follows the situation as it stands. Everybody goes "
    "to the debrief.": (
        "खेल तुरंत समाप्त होता है और अंत मौजूदा स्थिति के अनुसार तय होता है। सभी चर्चा पर जाते हैं।"
    ),
    "End the game": "खेल समाप्त करें",
    "The facilitator ended the game.": "संचालक ने खेल समाप्त किया।",
    "The event could not be injected.": "घटना जोड़ी नहीं जा सकी।",
    # the scenario's generic words
    "political capital": "राजनीतिक पूंजी",
    "resource": "संसाधन",
    "score": "अंक",
    # costs and commitments on the turn screen
    "Political capital": "राजनीतिक पूंजी",
    "Commitments": "प्रतिबद्धताएँ",
    "commitments: the promises made, standing, kept or broken": (
        "प्रतिबद्धताएँ: किए गए वादे, जो क़ायम हैं, निभाए गए या तोड़े गए"
    ),
    "Promises your side has made. One that stands is remembered: breaking it costs "
    "trust for several turns. An option that makes or breaks one says so in its detail.": (
        "आपके पक्ष के किए वादे। क़ायम वादा याद रखा जाता है: उसे तोड़ने से कई बारियों तक भरोसा "
        "घटता है। जो विकल्प कोई वादा करता या तोड़ता है, उसका विवरण यह बताता है।"
    ),
    "Your side makes no commitments in this scenario.": (
        "इस परिदृश्य में आपका पक्ष कोई प्रतिबद्धता नहीं करता।"
    ),
    "Map": "नक्शा",
    # the map (assets/map/indo_pacific.json): places, seas, countries, LAC sectors
    "New Delhi": "नई दिल्ली",
    "Beijing": "बीजिंग",
    "Islamabad": "इस्लामाबाद",
    "Tokyo": "टोक्यो",
    "Kuala Lumpur": "क्वालालंपुर",
    "Colombo": "कोलंबो",
    "Hambantota": "हंबनटोटा",
    "Gwadar": "ग्वादर",
    "Darwin": "डार्विन",
    "Diego Garcia": "डिएगो गार्सिया",
    "Guam": "गुआम",
    "Andaman and Nicobar Islands": "अंडमान और निकोबार द्वीपसमूह",
    "Strait of Malacca": "मलक्का जलडमरूमध्य",
    "Taiwan Strait": "ताइवान जलडमरूमध्य",
    "Gulf of Aden": "अदन की खाड़ी",
    "Indian Ocean": "हिंद महासागर",
    "Arabian Sea": "अरब सागर",
    "Bay of Bengal": "बंगाल की खाड़ी",
    "South China Sea": "दक्षिण चीन सागर",
    "Pakistan": "पाकिस्तान",
    "Iran": "ईरान",
    "Australia": "ऑस्ट्रेलिया",
    "Indonesia": "इंडोनेशिया",
    "Mongolia": "मंगोलिया",
    "Kazakhstan": "कज़ाख़स्तान",
    "Saudi Arabia": "सऊदी अरब",
    "Western": "पश्चिमी",
    "Middle": "मध्य",
    "Eastern": "पूर्वी",
    "LAC \u2014 Western sector (Ladakh)": "LAC \u2014 पश्चिमी सेक्टर (लद्दाख)",
    "LAC \u2014 Middle sector (Himachal Pradesh / Uttarakhand)": (
        "LAC \u2014 मध्य सेक्टर (हिमाचल प्रदेश / उत्तराखंड)"
    ),
    "LAC \u2014 Eastern sector (Sikkim / Arunachal Pradesh)": (
        "LAC \u2014 पूर्वी सेक्टर (सिक्किम / अरुणाचल प्रदेश)"
    ),
    "the map of this turn's hot spots at full size": "इस बारी के हॉट स्पॉट का नक्शा, पूरे आकार में",
    # what an option does to a commitment (game.presentation.commitment_notes, via tr)
    "Makes {label}{lasts}": "यह {label}{lasts} देता है",
    "Renews {label}{lasts}": "यह {label}{lasts} दोहराता है",
    "Breaks {label}": "यह {label} तोड़ता है",
    " for {n} turns": " ({n} बारियों के लिए)",
    "; breaking it would cost {penalty}": "; इसे तोड़ने की कीमत: {penalty}",
    "breaking it would cost {penalty}": "इसे तोड़ने की कीमत: {penalty}",
    " over {n} turns": " ({n} बारियों में)",
}

PATTERNS: dict[str, str] = {
    # turn and calendar
    "{when}  \u00b7  turn {n} of {total}": "{when}  \u00b7  बारी {n} / {total}",
    "{title}  \u00b7  turn {n} of {total}": "{title}  \u00b7  बारी {n} / {total}",
    "turn {n} of {total}": "बारी {n} / {total}",
    "{n} more options below \u00b7 Down or scroll": "नीचे {n} और विकल्प \u00b7 Down या सरकाएँ",
    "1 more option below \u00b7 Down or scroll": "नीचे 1 और विकल्प \u00b7 Down या सरकाएँ",
    "Jan {y}": "जनवरी {y}",
    "Feb {y}": "फ़रवरी {y}",
    "Mar {y}": "मार्च {y}",
    "Apr {y}": "अप्रैल {y}",
    "May {y}": "मई {y}",
    "Jun {y}": "जून {y}",
    "Jul {y}": "जुलाई {y}",
    "Aug {y}": "अगस्त {y}",
    "Sep {y}": "सितंबर {y}",
    "Oct {y}": "अक्टूबर {y}",
    "Nov {y}": "नवंबर {y}",
    "Dec {y}": "दिसंबर {y}",
    "{d} Jan {y}": "{d} जनवरी {y}",
    "{d} Feb {y}": "{d} फ़रवरी {y}",
    "{d} Mar {y}": "{d} मार्च {y}",
    "{d} Apr {y}": "{d} अप्रैल {y}",
    "{d} May {y}": "{d} मई {y}",
    "{d} Jun {y}": "{d} जून {y}",
    "{d} Jul {y}": "{d} जुलाई {y}",
    "{d} Aug {y}": "{d} अगस्त {y}",
    "{d} Sep {y}": "{d} सितंबर {y}",
    "{d} Oct {y}": "{d} अक्टूबर {y}",
    "{d} Nov {y}": "{d} नवंबर {y}",
    "{d} Dec {y}": "{d} दिसंबर {y}",
    "{n} years": "{n} वर्ष",
    "{n} months": "{n} महीने",
    "GUIDED TOUR \u00b7 {k} OF {n}": "परिचय \u00b7 {n} में से {k}",
    # new game
    "{n} turns, {per} \u00b7 {span} from {start} \u00b7 {level}": (
        "{n} बारियाँ, {per} \u00b7 {start} से {span} \u00b7 {level}"
    ),
    "About {title}": "{title} के बारे में",
    "{n} above": "{n} ऊपर",
    "{n} more below": "{n} और नीचे",
    "No bundled scenario has the initials {x}.": "किसी शामिल परिदृश्य के आद्याक्षर {x} नहीं हैं।",
    # briefing
    "{title}: you are {role}": "{title}: आप {role} हैं",
    "{n} turns from {start} \u00b7 {per} \u00b7 {against} \u00b7 seed {seed}": (
        "{start} से {n} बारियाँ \u00b7 {per} \u00b7 {against} \u00b7 सीड {seed}"
    ),
    "opponent: {role} ({level})": "प्रतिद्वंद्वी: {role} ({level})",
    "{share} of the score \u00b7 main aim": "अंकों का {share} \u00b7 मुख्य लक्ष्य",
    "{share} of the score \u00b7 shared": "अंकों का {share} \u00b7 साझा",
    "{share} of the score": "अंकों का {share}",
    "\u2026 and {n} more": "\u2026 और {n} अन्य",
    "Who plays {role}? Your names, for the teacher": "{role} कौन खेल रहा है? शिक्षक के लिए आपके नाम",
    # the turn
    "{a} of {b} decided \u00b7 Enter ends the turn": "{a} / {b} तय \u00b7 Enter बारी समाप्त करता है",
    "{a} of {b} decided \u00b7 1\u2013{n} choose, Tab next": (
        "{a} / {b} तय \u00b7 चुनने के लिए 1\u2013{n}, अगले के लिए Tab"
    ),
    "{a} of {b} decided \u00b7 1\u2013{n} choose": "{a} / {b} तय \u00b7 चुनने के लिए 1\u2013{n}",
    "{a} of {b} decided \u00b7 1 chooses, Tab next": "{a} / {b} तय \u00b7 1 चुनता है, अगले के लिए Tab",
    "{a} of {b} decided \u00b7 1 chooses": "{a} / {b} तय \u00b7 1 चुनता है",
    "{a} of {b} decided": "{a} / {b} तय",
    # the status line's hint, drawn apart from the count when it fits
    " \u00b7 {hint}, A assesses ({a} of {b} left)": (
        " \u00b7 {hint}, A आकलन करता है ({b} में से {a} बाकी)"
    ),
    " \u00b7 1\u2013{n} choose, Tab next": " \u00b7 चुनने के लिए 1\u2013{n}, अगले के लिए Tab",
    " \u00b7 1\u2013{n} choose": " \u00b7 चुनने के लिए 1\u2013{n}",
    "1\u2013{n} choose, Tab next": "चुनने के लिए 1\u2013{n}, अगले के लिए Tab",
    "1\u2013{n} choose": "चुनने के लिए 1\u2013{n}",
    " \u00b7 1 chooses, Tab next": " \u00b7 1 चुनता है, अगले के लिए Tab",
    " \u00b7 1 chooses": " \u00b7 1 चुनता है",
    "1 chooses, Tab next": "1 चुनता है, अगले के लिए Tab",
    " \u00b7 Enter ends the turn": " \u00b7 Enter बारी समाप्त करता है",
    " \u00b7 A assesses ({a} of {b} left)": " \u00b7 A आकलन करता है ({b} में से {a} बाकी)",
    "A assesses ({a} of {b} left)": "A आकलन करता है ({b} में से {a} बाकी)",
    "{role} is deciding\u2026": "{role} निर्णय ले रहा है\u2026",
    "\u201c{label}\u201d is not available now.": "\u201c{label}\u201d अभी उपलब्ध नहीं है।",
    "Write why you chose \u201c{title}\u201d first.": "पहले लिखें कि आपने \u201c{title}\u201d में क्या और क्यों चुना।",
    "Choose an option for \u201c{title}\u201d first.": "पहले \u201c{title}\u201d के लिए कोई विकल्प चुनें।",
    "OPTION {k} IN DETAIL": "विकल्प {k} विस्तार से",
    "OPTION {k} \u00b7 CHANCE BY THE END (TURN {t})": "विकल्प {k} \u00b7 अंत तक संभावना (बारी {t})",
    "{k} \u00b7 CHANCE BY TURN {t}": "{k} \u00b7 बारी {t} तक संभावना",
    "Backed by {names}: \u201c{reason}\u201d": "{names} का समर्थन: \u201c{reason}\u201d",
    "\u201c{reason}\u201d": "\u201c{reason}\u201d",  # (a tight detail: the reason alone)
    "No advisor backs this option; they prefer option {k}.": (
        "कोई सलाहकार इस विकल्प का समर्थन नहीं करता; वे विकल्प {k} पसंद करते हैं।"
    ),
    "No advisor backs this option; they prefer options {opts}.": (
        "कोई सलाहकार इस विकल्प का समर्थन नहीं करता; वे विकल्प {opts} पसंद करते हैं।"
    ),
    "No advisor backs this option.": "कोई सलाहकार इस विकल्प का समर्थन नहीं करता।",
    " Intelligence is {quality} ({n} futures).": " खुफ़िया जानकारी {quality} है ({n} संभावित भविष्य)।",
    "{label}: {p} vs {q}.": "{label}: {p} बनाम {q}।",
    # an advisor's reason (game.engine.forecast): the aim, the effect at once, the price
    "{text}. The price: {name} falls to {p} from {q}.": "{text}। कीमत: {name} {q} से घटकर {p}।",
    "{brief} Price: {name} falls to {p}.": "{brief} कीमत: {name} घटकर {p}।",
    "{text}. The price: {label} ends near {a} instead of {b}.": (
        "{text}। कीमत: {label} अंत में {b} के बजाय लगभग {a}।"
    ),
    "{brief} Price: {label} ends near {a}.": "{brief} कीमत: {label} अंत में लगभग {a}।",
    "{label}: {p} by the end, against {q} with '{other}'": (
        "{label}: अंत तक {p}, जबकि '{other}' के साथ {q}"
    ),
    '{label}: {p} by the end, against {q} with "{other}"': (
        "{label}: अंत तक {p}, जबकि \u201c{other}\u201d के साथ {q}"
    ),
    "{label}: {p} against {q}.": "{label}: {p}, बनाम {q}।",
    "{label} {d} higher next turn than with '{other}'": (
        "{label} अगली बारी '{other}' की तुलना में {d} अधिक"
    ),
    "{label} {d} lower next turn than with '{other}'": (
        "{label} अगली बारी '{other}' की तुलना में {d} कम"
    ),
    "{label} {d} higher next turn": "{label} अगली बारी {d} अधिक",
    "{label} {d} lower next turn": "{label} अगली बारी {d} कम",
    "{label} around {a} by the end, against {b} with '{other}'": (
        "{label} अंत तक लगभग {a}, जबकि '{other}' के साथ {b}"
    ),
    "{label} around {a}, against {b}.": "{label} लगभग {a}, बनाम {b}।",
    "{label} around {a}, against {b}; {rest}.": "{label} लगभग {a}, बनाम {b}; {rest}।",
    "Risk: {label} ({p})": "जोखिम: {label} ({p})",
    "No decisions are due for you this turn. Read the news, check the dashboard and end the "
    "turn when you are ready.": (
        "इस बारी आपके लिए कोई निर्णय बाकी नहीं। समाचार पढ़ें, डैशबोर्ड देखें और तैयार होने पर बारी समाप्त करें।"
    ),
    "No decisions are due for you this turn. Check the dashboard and end the turn when you "
    "are ready.": ("इस बारी आपके लिए कोई निर्णय बाकी नहीं। डैशबोर्ड देखें और तैयार होने पर बारी समाप्त करें।"),
    "{title} \u00b7 {a} of {b} met": "{title} \u00b7 {b} में से {a} पूरे",
    "{n} met": "{n} पूरे",
    "{a} of {b} met": "{b} में से {a} पूरे",
    "Escalation \u00b7 {x}": "तनाव-वृद्धि \u00b7 {x}",
    "{label} \u2014 in the news this turn": "{label} \u2014 इस बारी समाचार में",
    "A quiet {period}: no news beyond the decisions on your desk.": (
        "एक शांत {period}: आपकी मेज़ पर रखे निर्णयों के अलावा कोई समाचार नहीं।"
    ),
    "A quiet {period}: no news, and no decision due.": "एक शांत {period}: न कोई समाचार, न कोई निर्णय बाकी।",
    "LAC {x} sector": "LAC {x} सेक्टर",
    "{who} \u00b7 real \u00b7 {source}": "{who} \u00b7 वास्तविक \u00b7 {source}",
    "{who} \u00b7 hypothetical": "{who} \u00b7 काल्पनिक",
    "No assessment: {why}": "कोई आकलन नहीं: {why}",
    "Assessing again. {left}.": "फिर से आकलन। {left}।",
    "{a} of {b} assessments left this turn": "इस बारी {b} में से {a} आकलन बाकी",
    "{a} of {b} assessment left this turn": "इस बारी {b} में से {a} आकलन बाकी",
    # the fan chart
    "Fan chart \u00b7 {title}": "पंखा चार्ट \u00b7 {title}",
    "{label}: history and option {k}, {option}, next turn": (
        "{label}: इतिहास और विकल्प {k}, {option}, अगली बारी"
    ),
    "End of game (turn {t})": "खेल का अंत (बारी {t})",
    "{label}: turn by turn to the end (turn {t}), option {k}": (
        "{label}: अंत तक बारी-दर-बारी (बारी {t}), विकल्प {k}"
    ),
    "{n} futures per option \u00b7 1\u20134 option \u00b7 Up/Down indicator": (
        "हर विकल्प के {n} संभावित भविष्य \u00b7 1\u20134 विकल्प \u00b7 Up/Down संकेतक"
    ),
    "{k}  {label} (not available)": "{k}  {label} (उपलब्ध नहीं)",
    "Intelligence sharp ({q}): ranges are narrow because your analysts add almost no error; "
    "the spread left is the game's own uncertainty.": (
        "खुफ़िया जानकारी सटीक ({q}): दायरे संकरे हैं क्योंकि आपके विश्लेषक लगभग कोई त्रुटि नहीं "
        "जोड़ते; जो फैलाव बचता है वह खेल की अपनी अनिश्चितता है।"
    ),
    "Intelligence fair ({q}): ranges are wider than the real spread and may sit a little off, "
    "because reports are incomplete.": (
        "खुफ़िया जानकारी ठीक-ठाक ({q}): दायरे असली फैलाव से चौड़े हैं और थोड़े हटकर हो सकते हैं, "
        "क्योंकि रिपोर्टें अधूरी हैं।"
    ),
    "Intelligence poor ({q}): ranges are blurred and may lean towards what you hope or fear, "
    "because you see little; read the medians as rough.": (
        "खुफ़िया जानकारी कमज़ोर ({q}): दायरे धुंधले हैं और आपकी आशा या डर की ओर झुक सकते हैं, "
        "क्योंकि आपको कम दिखता है; माध्यिकाओं को मोटा अनुमान मानें।"
    ),
    "{n} futures per option \u00b7 intelligence {q} \u00b7 1\u20134 option \u00b7 Up/Down indicator": (
        "हर विकल्प के {n} संभावित भविष्य \u00b7 खुफ़िया जानकारी {q} \u00b7 1\u20134 विकल्प \u00b7 "
        "Up/Down संकेतक"
    ),
    "now {v}": "अभी {v}",
    # the world screen
    "{role} decides": "{role} तय करता है",
    "{n} decisions": "{n} निर्णय",
    "{n} items": "{n} मद",
    "({label})": "({label})",
    "Each turn it drifts, pulled by {names}.": "हर बारी यह बदलता है, {names} के खिंचाव से।",
    "Each turn it pulls on {names}.": "हर बारी यह {names} पर खिंचाव डालता है।",
    "Can set off the {kind} \u201c{label}\u201d ({who}).": (
        "{who} की {kind} \u201c{label}\u201d शुरू कर सकता है।"
    ),
    "Can set off the {kind} \u201c{label}\u201d ({who}), which moves {names}.": (
        "{who} की {kind} \u201c{label}\u201d शुरू कर सकता है, जो {names} को बदलती है।"
    ),
    "Decides the endings {titles}.": "अंत तय करता है: {titles}।",
    "Decides the ending {titles}.": "अंत तय करता है: {titles}।",
    "Counts for the objectives {titles}.": "इन उद्देश्यों में गिना जाता है: {titles}।",
    "Counts for the objective {titles}.": "इस उद्देश्य में गिना जाता है: {titles}।",
    "{role} decides: \u201c{title}\u201d: {options}.": "{role} तय करता है: \u201c{title}\u201d: {options}।",
    "News and events: \u201c{title}\u201d ({size}).": "समाचार और घटनाएँ: \u201c{title}\u201d ({size})।",
    "about {x}": "लगभग {x}",
    "about {x} over {n} turns": "लगभग {x}, {n} बारियों में",
    "about {x} after {n} turns": "लगभग {x}, {n} बारियों बाद",
    "{x} over {n} turns": "{x}, {n} बारियों में",
    "{x} after {n} turns": "{x}, {n} बारियों बाद",
    "{x} over 1 turn": "{x}, 1 बारी में",
    "{x} after 1 turn": "{x}, 1 बारी बाद",
    "set to {x}": "{x} पर तय",
    "{label} ({size})": "{label} ({size})",
    "Depends on {names}.": "{names} पर निर्भर।",
    "Depends on {names} and on things hidden from players.": (
        "{names} पर, और खिलाड़ियों से छिपी बातों पर निर्भर।"
    ),
    "Depends on things hidden from players.": "खिलाड़ियों से छिपी बातों पर निर्भर।",
    "Depends.": "निर्भर करता है।",
    "At \u201c{rung}\u201d: {what}.": "\u201c{rung}\u201d पर: {what}।",
    "Climbs with {names}.": "{names} के साथ चढ़ता है।",
    "Climbs the escalation ladder \u201c{label}\u201d.": "तनाव-वृद्धि की सीढ़ी \u201c{label}\u201d चढ़ता है।",
    "\u201c{label}\u201d comes up depending on {names}.": "\u201c{label}\u201d {names} के अनुसार सामने आता है।",
    "Rungs: {names}": "पायदान: {names}",
    # glossary and timeline
    "{n} of {total} terms": "{total} में से {n} शब्द",
    "{n} of {total} terms \u00b7 {hint}": "{total} में से {n} शब्द \u00b7 {hint}",
    "{n} of {total} terms \u00b7 type to search, Up/Down to choose": (
        "{total} में से {n} शब्द \u00b7 खोजने के लिए लिखें, चुनने के लिए Up/Down"
    ),
    "Real \u00b7 {when}": "वास्तविक \u00b7 {when}",
    "Your game \u00b7 turn {n} \u00b7 {when}": "आपका खेल \u00b7 बारी {n} \u00b7 {when}",
    "Source: {source}": "स्रोत: {source}",
    "Also: {names}": "अन्य नाम: {names}",
    # the summary
    "{a} to {b} \u00b7 {n} indicators moved \u00b7 every change traced to its causes": (
        "{a} से {b} \u00b7 {n} संकेतक बदले \u00b7 हर बदलाव अपने कारणों तक"
    ),
    "{a} to {b} \u00b7 {n} indicator moved \u00b7 every change traced to its causes": (
        "{a} से {b} \u00b7 {n} संकेतक बदला \u00b7 हर बदलाव अपने कारणों तक"
    ),
    "No indicator moved from {a} to {b}.": "{a} से {b} तक कोई संकेतक नहीं बदला।",
    "No indicator moved from {a} to {b}. No decision was due on either side.": (
        "{a} से {b} तक कोई संकेतक नहीं बदला। किसी भी पक्ष का कोई निर्णय बाकी नहीं था।"
    ),
    "and {n} smaller causes ({v} together)": "और {n} छोटे कारण (कुल {v})",
    "and {n} smaller cause ({v} together)": "और {n} छोटा कारण (कुल {v})",
    "You ({role})": "आप ({role})",
    "Continue to {when}": "जारी रखें: {when}",
    "Next, in {when}: {n} news items and {m} decisions for you.": (
        "आगे, {when} में: {n} समाचार और आपके लिए {m} निर्णय।"
    ),
    "Next, in {when}: {n} news items and {m} decision for you.": (
        "आगे, {when} में: {n} समाचार और आपके लिए {m} निर्णय।"
    ),
    "Next, in {when}: {n} news item and {m} decisions for you.": (
        "आगे, {when} में: {n} समाचार और आपके लिए {m} निर्णय।"
    ),
    "Next, in {when}: {n} news item and {m} decision for you.": (
        "आगे, {when} में: {n} समाचार और आपके लिए {m} निर्णय।"
    ),
    "Next, in {when}: {n} news items.": "आगे, {when} में: {n} समाचार।",
    "Next, in {when}: {n} news item.": "आगे, {when} में: {n} समाचार।",
    "Next, in {when}: {m} decisions for you.": "आगे, {when} में: आपके लिए {m} निर्णय।",
    "Next, in {when}: {m} decision for you.": "आगे, {when} में: आपके लिए {m} निर्णय।",
    "Up/Down or the wheel scroll the list \u00b7 Esc goes back": (
        "Up/Down या माउस व्हील सूची सरकाते हैं \u00b7 Esc से वापस"
    ),
    # causes in the ledger (game.presentation.describe)
    "{who} chose '{label}' ({title})": "{who} ने '{label}' चुना ({title})",
    "{who}'s {name} renewed": "{who} की {name} फिर भरी",
    "{who}' {name} renewed": "{who} की {name} फिर भरी",
    "{who} broke {what} in turn {n} \u2014 {note}": "{who} ने {what} तोड़ा, बारी {n} में \u2014 {note}",
    "{who} broke {what} in turn {n}": "{who} ने {what} तोड़ा, बारी {n} में",
    "{who} broke {what}": "{who} ने {what} तोड़ा",
    "delayed effect of {title} (turn {n}) \u2014 {note}": "{title} का देर से असर (बारी {n}) \u2014 {note}",
    "delayed effect of {title} (turn {n})": "{title} का देर से असर (बारी {n})",
    "delayed effect of {who}'s choice in turn {n}: {title} \u2192 {label} \u2014 {note}": (
        "बारी {n} में {who} के चुनाव का देर से असर: {title} \u2192 {label} \u2014 {note}"
    ),
    "delayed effect of {who}'s choice in turn {n}: {title} \u2192 {label}": (
        "बारी {n} में {who} के चुनाव का देर से असर: {title} \u2192 {label}"
    ),
    "{v}  {cause}": "{v}  {cause}",
    # the end
    "{role} (you)": "{role} (आप)",
    "objectives {a}, ending worth {b}": "उद्देश्य {a}, अंत का मूल्य {b}",
    "near: {p} credit": "क़रीब: {p} श्रेय",
    "{label} (near: {p} credit)": "{label} (क़रीब: {p} श्रेय)",
    "Seed {seed} \u00b7 saved automatically \u00b7 replay it with the same seed to compare choices": (
        "सीड {seed} \u00b7 अपने-आप सहेजा गया \u00b7 चुनावों की तुलना के लिए इसी सीड से फिर खेलें"
    ),
    "Debrief written: {path}": "डीब्रीफ़ लिखा गया: {path}",
    "score {s}/100 (objectives {a}, ending worth {b})": "अंक {s}/100 (उद्देश्य {a}, अंत का मूल्य {b})",
    "score {s}/100": "अंक {s}/100",
    "{gap} to spare": "{gap} की गुंजाइश",
    "{gap} short": "{gap} कम",
    # load, pause
    "{n} save(s). Enter or click to continue one; Esc goes back.": (
        "{n} सहेजे खेल। किसी को जारी रखने के लिए Enter या क्लिक; Esc से वापस।"
    ),
    "Autosave \u2014 {title}": "स्वतः सहेजा \u2014 {title}",
    "{role} \u00b7 {when} \u00b7 turn {n}  \u00b7  saved {at}": (
        "{role} \u00b7 {when} \u00b7 बारी {n}  \u00b7  सहेजा {at}"
    ),
    "{role} \u00b7 finished \u00b7 turn {n}  \u00b7  saved {at}": (
        "{role} \u00b7 समाप्त \u00b7 बारी {n}  \u00b7  सहेजा {at}"
    ),
    "{role} \u00b7 {when} \u00b7 turn {n}": "{role} \u00b7 {when} \u00b7 बारी {n}",
    "{role} \u00b7 finished \u00b7 turn {n}": "{role} \u00b7 समाप्त \u00b7 बारी {n}",
    "{title} \u00b7 {when}. Your game is saved automatically after every turn.": (
        "{title} \u00b7 {when}। आपका खेल हर बारी के बाद अपने-आप सहेजा जाता है।"
    ),
    "Could not save: {why}": "सहेजा नहीं जा सका: {why}",
    "Saved: {path}": "सहेजा गया: {path}",
    # errors
    "Your game is safe: the autosave ({title}, {detail}) was written whole after your last "
    "turn and has not been touched. Continue it from the main menu.": (
        "आपका खेल सुरक्षित है: स्वतः सहेजा खेल ({title}, {detail}) आपकी पिछली बारी के बाद पूरा "
        "लिखा गया था और उसे छुआ नहीं गया है। उसे मुख्य मेनू से जारी रखें।"
    ),
    "A crash report was written to {path}. Please attach it if you report the problem.": (
        "क्रैश रिपोर्ट {path} में लिखी गई। समस्या बताते समय कृपया इसे साथ भेजें।"
    ),
    "Continue from turn {n}": "बारी {n} से जारी रखें",
    "The scenario file is gone: {why}": "परिदृश्य फ़ाइल नहीं मिली: {why}",
    # classroom
    "{role} against the computer": "{role} कंप्यूटर के विरुद्ध",
    "class code {code}": "कक्षा कोड {code}",
    "{n} event(s) injected": "{n} घटना(एँ) जोड़ी गईं",
    "seed {seed}": "सीड {seed}",
    "{n} of {total} events \u00b7 type to search \u00b7 Up/Down, wheel, Enter": (
        "{total} में से {n} घटनाएँ \u00b7 खोजने के लिए लिखें \u00b7 Up/Down, माउस व्हील, Enter"
    ),
    "{title}: due next turn (no free decision slot now)": (
        "{title}: अगली बारी (अभी निर्णय की कोई खाली जगह नहीं)"
    ),
    # political capital, costs and commitments (game.presentation's words)
    "{name}: {value} of {max} \u00b7 {gain} next turn": (
        "{name}: {max} में से {value} \u00b7 अगली बारी {gain}"
    ),
    "{name}: {value} of {max}": "{name}: {max} में से {value}",
    "{name}: {left} of {max} left after your other answer \u00b7 {gain} next turn": (
        "{name}: दूसरे उत्तर के बाद {max} में से {left} बचे \u00b7 अगली बारी {gain}"
    ),
    "{name}: {left} of {max} left after your other answer": (
        "{name}: दूसरे उत्तर के बाद {max} में से {left} बचे"
    ),
    "{left} of {max} left": "{max} में से {left} बचे",
    "cost {n}": "लागत {n}",
    "Costs {n} {name}; {left} left": "लागत {n} {name}; {left} बचे",
    "Costs {n} {name}; {left} left after your other answer": (
        "लागत {n} {name}; दूसरे उत्तर के बाद {left} बचे"
    ),
    "Commitments \u00b7 {n} standing": "प्रतिबद्धताएँ \u00b7 {n} क़ायम",
    "Commitments \u00b7 {n} broken": "प्रतिबद्धताएँ \u00b7 {n} टूटीं",
    "Commitments \u00b7 {n} standing \u00b7 {m} broken": (
        "प्रतिबद्धताएँ \u00b7 {n} क़ायम \u00b7 {m} टूटीं"
    ),
    "{label}: not made": "{label}: नहीं की गई",
    "{label}: standing since turn {n}": "{label}: बारी {n} से क़ायम",
    "{label}: broken in turn {n}": "{label}: बारी {n} में टूटी",
    "{label}: kept (turn {n})": "{label}: निभाई गई (बारी {n})",
}

# lists inside a composed text (`A, B and C`): only ever applied to a filled-in part
LISTS: dict[str, str] = {
    "{a}, {b}": "{a}, {b}",
    "{a} and {b}": "{a} और {b}",
    "{a} or {b}": "{a} या {b}",
    "{a}; {b}": "{a}; {b}",
    "{a}.": "{a}।",
}
