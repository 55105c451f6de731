"""News that is not an ACLED event must produce no event: disasters, crime without political motive,
diplomacy, attributions, sports "battles", fires battled by firefighters, future and conditional
statements, denials. Our own varied snippets (the issue asks for >= 90 % without an event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.model import Document

NON_EVENTS = [
    # natural and man-made disasters
    "Floods swept through three villages in the north on Monday, killing at least 12 people, officials said.",
    "A magnitude 6.1 earthquake struck the coastal province on Tuesday, destroying hundreds of homes.",
    "Firefighters battled a huge blaze at a chemical plant outside the city for six hours on Sunday.",
    "A bus plunged into a ravine on the highway on Friday, killing 14 passengers.",
    "Forty workers died when a gold mine collapsed in the east of the country last week.",
    "Cholera has killed 30 people in the camps since January, the health ministry said.",
    # crime without a political motive
    "Police said a man stabbed his neighbour to death on Saturday after a dispute over a parking space.",
    "Two men were sentenced to ten years in prison for fraud by a court in the capital on Monday.",
    "Thieves stole jewellery worth two million dollars from a shop in the old market on Wednesday.",
    # diplomacy, talk and attribution
    "The foreign minister met his Egyptian counterpart in Cairo on Monday to discuss trade and migration.",
    "The president condemned the violence and called on all parties to show restraint.",
    "Analysts say the government's economic reforms could trigger protests if fuel prices rise.",
    "The UN envoy briefed the Security Council on the humanitarian situation on Thursday.",
    "The ministry blamed the opposition for the unrest but gave no evidence.",
    # sports and metaphors
    "Al Ahly battled to a 2-1 victory over Zamalek in the cup final on Friday night.",
    "The two candidates clashed over tax policy in a televised debate on Sunday.",
    "The striker fired a shot past the goalkeeper in the 89th minute to win the match.",
    "The champion fought back from two sets down to win the title in Paris on Sunday.",
    # future, intended, conditional, hypothetical
    "The army vowed on Monday that the city would be captured within weeks.",
    "Rebel leaders threatened to attack the capital if the talks fail.",
    "The militia plans to storm the port next month, according to a leaked memo.",
    "If the ceasefire collapses, the government will launch air strikes on the rebel strongholds.",
    "Officials fear that the group could carry out suicide attacks during the elections.",
    "The commander said his forces were preparing to retake the town.",
    # denials and negations
    "The army denied carrying out the air strike on the village.",
    "No clashes were reported in the city on Sunday, residents said.",
    "The group denied that its fighters had kidnapped the aid workers.",
    "The region has been free of fighting since the truce was signed.",
    # economy, politics, ordinary news
    "The central bank raised interest rates by half a percentage point on Wednesday.",
    "Parliament passed the budget on Tuesday after a long session.",
    # strikes that are neither air strikes nor labour action, and words of violence used for words
    "A lightning strike killed two cows on a farm outside the town on Sunday.",
    "The earthquake struck shortly after midnight, flattening several villages.",
    "Teachers' unions said they would strike next week if salaries are not paid.",
    "The opposition leader attacked the government's record on unemployment in a speech on Monday.",
    "The two ministers clashed over the budget at a cabinet meeting on Tuesday.",
    "The striker scored twice as the home side crushed their rivals 4-0 on Saturday.",
    # idioms around "take" and "control"; ordinary crime and accidents
    "The government took steps on Monday to reduce the price of bread.",
    "Tens of thousands of fans took to the streets to celebrate the national team's victory.",
    "The company said it would take control of the mine next year.",
    "The army has controlled the border crossing for years.",
    "Police arrested a man for drunk driving on the highway on Saturday.",
    "A fire destroyed a warehouse in the industrial zone overnight, firefighters said.",
    "A car crash on the coastal road killed four people on Friday.",
    "The health ministry said measles has killed 40 children in the north this year.",
    # negated and denied
    "The rebels have not attacked the town since the ceasefire was signed in 2015.",
    "Officials denied that troops had shelled the village.",
    # roads blocked by nature, words between parties, a reporter's accident, a protest still to come
    "A landslide blocked the main road to the village on Monday.",
    "The ruling party and the opposition clashed over the budget in parliament on Monday.",
    "A journalist died in a car crash on the highway on Friday.",
    "Organisers cancelled the planned march through the city centre on Saturday.",
    # abilities not used, offices set up, prisoners' words
    "Despite weeks of trying, the army was not able to retake the town.",
    "The bank set up a new branch office in the capital on Monday.",
    "Inmates and guards clashed over visiting hours at a meeting with the prison board.",
    "The governor postponed the rally of his supporters because of the rain.",
]


def test_non_events_produce_no_event_in_at_least_90_percent(coder: Any) -> None:
    coded = []
    for i, text in enumerate(NON_EVENTS):
        doc = Document(id=f"neg-{i}", text=text, published=dt.date(2020, 3, 10))
        events = coder.code(doc)
        if events:
            coded.append((text, [e.sub_event_type.value for e in events]))
    share_clean = 1 - len(coded) / len(NON_EVENTS)
    assert share_clean >= 0.90, "coded as events:\n" + "\n".join(f"{t} -> {s}" for t, s in coded)
