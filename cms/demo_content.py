# ruff: noqa: E501 - seed prose; the formatter re-wraps the strings, not their text.
"""Seed text of the public pages, in English and Spanish. Editors change it in Wagtail.

Each page is (key, page type, {language: fields}); the key links a page to its translation.
Numbers are the US national lines (911, 988); districts add their own contacts.
"""

HOME = {
    "en": {
        "title": "Report a bias incident",
        "intro": (
            "<p>If you experienced or saw discrimination, harassment or bullying at school, you "
            "can tell the district here. You do not need an account, and you do not have to "
            "give your name.</p>"
        ),
        "report_button_label": "Report an incident",
        "status_link_label": "Already sent a report? Check it with your receipt code.",
    },
    "es": {
        "title": "Reportar un incidente de discriminación",
        "intro": (
            "<p>Si sufrió o vio discriminación, acoso o intimidación en la escuela, puede "
            "informarlo al distrito aquí. No necesita una cuenta y no tiene que dar su "
            "nombre.</p>"
        ),
        "report_button_label": "Reportar un incidente",
        "status_link_label": "¿Ya envió un reporte? Revíselo con su código de recibo.",
    },
}


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


HOW_REPORTING_WORKS = {
    "en": {
        "title": "How reporting works",
        "slug": "how-reporting-works",
        "summary": "What you are asked, what happens next, how long it takes, and what anonymity "
        "does and does not protect.",
        "body": [
            ("heading", "Making a report"),
            (
                "paragraph",
                _p(
                    "Press <b>Report an incident</b>. The form has eight short steps and takes about "
                    "10 minutes. You can go back and change any answer before you send it. You may "
                    "add photos or documents.",
                    "At the end you get a <b>receipt code</b>. Write it down or download it. It is "
                    "the only way to check your report, read replies and answer questions. We "
                    "cannot recover a lost code, because we do not know who you are.",
                ),
            ),
            ("heading", "What happens next"),
            (
                "paragraph",
                _ul(
                    "Within 2 school days, an equity officer of the district reads your report and "
                    "acknowledges it. Check your receipt code to see it.",
                    "The officer may ask you questions through the status page. Answering helps, "
                    "but you never have to.",
                    "An investigation is normally completed within 60 calendar days. You see the "
                    "status change as it moves: received, being reviewed, investigating, finding "
                    "issued, closed.",
                    "Retaliation against anyone who reports is against the law. If it happens, "
                    "tell the officer through the same receipt code.",
                ),
            ),
            ("heading", "What anonymity protects, and what it does not"),
            (
                "paragraph",
                _p(
                    "We do not ask for your name. We do not record your IP address or which device "
                    "you use. What you write is stored encrypted, and only staff assigned to your "
                    "district can read it.",
                    "Anonymity has limits. The details of what happened (a place, a time, the words "
                    "used) may let the people involved guess who reported. An anonymous report can "
                    "also be harder to investigate, because the officer cannot call you. You decide "
                    "what to include, and you may add contact details only if you choose to.",
                ),
            ),
            (
                "callout",
                {
                    "title": "If someone is in danger",
                    "text": _p(
                        "Call 911 now. If you are thinking about hurting yourself, call or "
                        "text 988. This form is not watched around the clock."
                    ),
                },
            ),
        ],
    },
    "es": {
        "title": "Cómo funciona el reporte",
        "slug": "como-funciona-el-reporte",
        "summary": "Qué se le pregunta, qué pasa después, cuánto tarda, y qué protege y qué no "
        "protege el anonimato.",
        "body": [
            ("heading", "Cómo hacer un reporte"),
            (
                "paragraph",
                _p(
                    "Presione <b>Reportar un incidente</b>. El formulario tiene ocho pasos cortos y "
                    "toma unos 10 minutos. Puede regresar y cambiar cualquier respuesta antes de "
                    "enviarlo. Puede agregar fotos o documentos.",
                    "Al final recibe un <b>código de recibo</b>. Anótelo o descárguelo. Es la única "
                    "forma de consultar su reporte, leer respuestas y contestar preguntas. No "
                    "podemos recuperar un código perdido, porque no sabemos quién es usted.",
                ),
            ),
            ("heading", "Qué pasa después"),
            (
                "paragraph",
                _ul(
                    "En un plazo de 2 días escolares, un encargado de equidad del distrito lee su "
                    "reporte y confirma que lo recibió. Consulte su código de recibo para verlo.",
                    "El encargado puede hacerle preguntas en la página de estado. Contestar ayuda, "
                    "pero nunca es obligatorio.",
                    "Una investigación normalmente termina en 60 días naturales. Verá el cambio de "
                    "estado: recibido, en revisión, en investigación, resolución emitida, cerrado.",
                    "Las represalias contra quien reporta están prohibidas por la ley. Si ocurren, "
                    "dígaselo al encargado con el mismo código de recibo.",
                ),
            ),
            ("heading", "Qué protege el anonimato y qué no"),
            (
                "paragraph",
                _p(
                    "No le pedimos su nombre. No guardamos su dirección IP ni el dispositivo que usa. "
                    "Lo que escribe se guarda cifrado, y solo el personal asignado a su distrito "
                    "puede leerlo.",
                    "El anonimato tiene límites. Los detalles de lo que pasó (un lugar, una hora, las "
                    "palabras usadas) pueden permitir que las personas involucradas adivinen quién "
                    "reportó. Un reporte anónimo también puede ser más difícil de investigar, porque "
                    "el encargado no puede llamarle. Usted decide qué incluir, y puede dar sus datos de "
                    "contacto solo si así lo desea.",
                ),
            ),
            (
                "callout",
                {
                    "title": "Si alguien está en peligro",
                    "text": _p(
                        "Llame al 911 ahora. Si está pensando en hacerse daño, llame o envíe "
                        "un mensaje de texto al 988. Este formulario no se revisa a toda hora."
                    ),
                },
            ),
        ],
    },
}

KNOW_YOUR_RIGHTS = {
    "en": {
        "title": "Know your rights",
        "slug": "know-your-rights",
        "summary": "Every student has the right to learn without discrimination, harassment or "
        "retaliation.",
        "body": [
            (
                "paragraph",
                _p(
                    "Federal and state law protect students from discrimination because of race, "
                    "color, national origin or ancestry, sex (including sexual harassment), sexual "
                    "orientation, gender identity, disability, religion and English-learner status.",
                ),
            ),
            ("heading", "Your school must"),
            (
                "paragraph",
                _ul(
                    "respond promptly when it knows about harassment or bullying based on who a "
                    "student is;",
                    "investigate fairly and tell the family the outcome when the law allows;",
                    "take steps to stop the behaviour and prevent it from happening again;",
                    "protect the student and anyone who reports from retaliation;",
                    "provide interpreters and translated documents to families who need them, at "
                    "no cost.",
                ),
            ),
            ("heading", "You may"),
            (
                "paragraph",
                _ul(
                    "report without giving your name;",
                    "report something that happened to someone else;",
                    "ask for a school transfer if staying is not safe;",
                    "also file a complaint with the US Department of Education's Office for Civil "
                    "Rights or your state's education agency.",
                ),
            ),
        ],
    },
    "es": {
        "title": "Conozca sus derechos",
        "slug": "conozca-sus-derechos",
        "summary": "Todo estudiante tiene derecho a aprender sin discriminación, acoso ni "
        "represalias.",
        "body": [
            (
                "paragraph",
                _p(
                    "Las leyes federales y estatales protegen a los estudiantes contra la "
                    "discriminación por raza, color, origen nacional o ascendencia, sexo (incluido "
                    "el acoso sexual), orientación sexual, identidad de género, discapacidad, "
                    "religión y por estar aprendiendo inglés.",
                ),
            ),
            ("heading", "Su escuela debe"),
            (
                "paragraph",
                _ul(
                    "responder pronto cuando sabe de acoso o intimidación por quién es un "
                    "estudiante;",
                    "investigar de manera justa e informar el resultado a la familia cuando la ley "
                    "lo permite;",
                    "tomar medidas para detener la conducta y evitar que vuelva a ocurrir;",
                    "proteger al estudiante y a quien reporta contra represalias;",
                    "ofrecer intérpretes y documentos traducidos a las familias que los necesiten, "
                    "sin costo.",
                ),
            ),
            ("heading", "Usted puede"),
            (
                "paragraph",
                _ul(
                    "reportar sin dar su nombre;",
                    "reportar algo que le pasó a otra persona;",
                    "pedir un traslado de escuela si quedarse no es seguro;",
                    "también presentar una queja ante la Oficina de Derechos Civiles del "
                    "Departamento de Educación de EE. UU. o la agencia de educación de su estado.",
                ),
            ),
        ],
    },
}

TRANSFERS = {
    "en": {
        "title": "Transfer options",
        "slug": "transfer-options",
        "summary": "How to ask for a move to another school or district, and what happens then.",
        "body": [
            (
                "paragraph",
                _p(
                    "If discrimination makes staying at a school unsafe or impossible, a family may "
                    "ask to move to another school in the district, or to a school in another "
                    "district.",
                ),
            ),
            ("heading", "How to ask"),
            (
                "paragraph",
                _ul(
                    "In the report, answer the <b>School transfer</b> step: say whether you are "
                    "considering or requesting a transfer.",
                    "Later, write to the officer through your receipt code at any time to ask.",
                    "A transfer between districts needs the sending district to release the student "
                    "and the receiving district to accept them. Each step has a deadline of 14 "
                    "calendar days.",
                ),
            ),
            ("heading", "What the other district sees"),
            (
                "paragraph",
                _p(
                    "The receiving district sees the transfer request, not your report. The "
                    "officer shares a summary of the incident only with your recorded consent.",
                ),
            ),
        ],
    },
    "es": {
        "title": "Opciones de traslado",
        "slug": "opciones-de-traslado",
        "summary": "Cómo pedir un cambio a otra escuela o distrito, y qué pasa después.",
        "body": [
            (
                "paragraph",
                _p(
                    "Si la discriminación hace que quedarse en una escuela sea inseguro o imposible, "
                    "una familia puede pedir un cambio a otra escuela del distrito o a una escuela "
                    "de otro distrito.",
                ),
            ),
            ("heading", "Cómo pedirlo"),
            (
                "paragraph",
                _ul(
                    "En el reporte, conteste el paso <b>Cambio de escuela</b>: diga si está "
                    "considerando o pidiendo un traslado.",
                    "Después, escriba al encargado con su código de recibo cuando quiera pedirlo.",
                    "Un traslado entre distritos necesita que el distrito de origen libere al "
                    "estudiante y que el distrito receptor lo acepte. Cada paso tiene un plazo de "
                    "14 días naturales.",
                ),
            ),
            ("heading", "Qué ve el otro distrito"),
            (
                "paragraph",
                _p(
                    "El distrito receptor ve la solicitud de traslado, no su reporte. El encargado "
                    "comparte un resumen del incidente solo con su consentimiento registrado.",
                ),
            ),
        ],
    },
}

RESOURCES = {
    "en": {
        "title": "Resources and crisis contacts",
        "slug": "resources",
        "summary": "Help you can reach right now, day or night.",
        "contacts": [
            {
                "name": "Emergency",
                "phone": "911",
                "hours": "Always open",
                "description": "Someone is in danger right now.",
            },
            {
                "name": "988 Suicide and Crisis Lifeline",
                "phone": "988",
                "text": "988",
                "website": "https://988lifeline.org/",
                "hours": "Always open, free, confidential",
                "description": "If you are thinking about hurting yourself, or are worried about "
                "someone. Spanish speakers can ask for help in Spanish.",
            },
            {
                "name": "Crisis Text Line",
                "text": "741741",
                "hours": "Always open",
                "description": "Text HOME to talk with a trained counselor.",
            },
            {
                "name": "Childhelp National Child Abuse Hotline",
                "phone": "1-800-422-4453",
                "hours": "Always open",
                "description": "If a child is being abused or neglected.",
            },
        ],
        "body": [
            ("heading", "Other help"),
            (
                "paragraph",
                _p(
                    "Your school counselor can help you plan what to do next. The US Department of "
                    "Education's Office for Civil Rights accepts complaints about discrimination in "
                    "schools.",
                ),
            ),
        ],
    },
    "es": {
        "title": "Recursos y contactos de crisis",
        "slug": "recursos",
        "summary": "Ayuda que puede conseguir ahora mismo, de día o de noche.",
        "contacts": [
            {
                "name": "Emergencias",
                "phone": "911",
                "hours": "Siempre abierto",
                "description": "Alguien está en peligro ahora mismo.",
            },
            {
                "name": "988 Línea de Prevención del Suicidio y Crisis",
                "phone": "988",
                "text": "988",
                "website": "https://988lifeline.org/es/home/",
                "hours": "Siempre abierta, gratuita y confidencial",
                "description": "Si está pensando en hacerse daño, o le preocupa otra persona. "
                "Puede pedir ayuda en español.",
            },
            {
                "name": "Crisis Text Line",
                "text": "741741",
                "hours": "Siempre abierta",
                "description": "Envíe AYUDA por mensaje de texto para hablar con un consejero.",
            },
            {
                "name": "Childhelp, línea nacional contra el abuso infantil",
                "phone": "1-800-422-4453",
                "hours": "Siempre abierta",
                "description": "Si un niño sufre abuso o descuido.",
            },
        ],
        "body": [
            ("heading", "Otra ayuda"),
            (
                "paragraph",
                _p(
                    "El consejero de su escuela puede ayudarle a planear qué hacer. La Oficina de "
                    "Derechos Civiles del Departamento de Educación de EE. UU. acepta quejas sobre "
                    "discriminación en las escuelas.",
                ),
            ),
        ],
    },
}

FAQ = {
    "en": {
        "title": "Questions and answers",
        "slug": "faq",
        "summary": "Short answers about receipts, anonymity and what you will hear back.",
        "questions": [
            {
                "question": "I lost my receipt code. Can you send it again?",
                "answer": _p(
                    "No. We only keep a scrambled form of it, so nobody can look it up, "
                    "not even us. You can make a new report and mention the earlier one."
                ),
            },
            {
                "question": "Will the school know it was me?",
                "answer": _p(
                    "We do not record who you are. The details you write may still let "
                    "someone guess. Read how reporting works for what anonymity protects."
                ),
            },
            {
                "question": "Can I report for someone else?",
                "answer": _p("Yes. Witnesses, parents and staff can all report."),
            },
            {
                "question": "Does this replace calling 911?",
                "answer": _p(
                    "No. If someone is in danger now, call 911. If you are thinking about "
                    "hurting yourself, call or text 988."
                ),
            },
        ],
    },
    "es": {
        "title": "Preguntas frecuentes",
        "slug": "preguntas-frecuentes",
        "summary": "Respuestas cortas sobre recibos, anonimato y las respuestas que recibirá.",
        "questions": [
            {
                "question": "Perdí mi código de recibo. ¿Me lo pueden enviar otra vez?",
                "answer": _p(
                    "No. Solo guardamos una forma codificada del código, así que nadie "
                    "puede buscarlo, ni siquiera nosotros. Puede hacer un nuevo reporte y "
                    "mencionar el anterior."
                ),
            },
            {
                "question": "¿Sabrá la escuela que fui yo?",
                "answer": _p(
                    "No registramos quién es usted. Los detalles que escriba aún podrían "
                    "permitir que alguien lo adivine. Lea cómo funciona el reporte para "
                    "saber qué protege el anonimato."
                ),
            },
            {
                "question": "¿Puedo reportar por otra persona?",
                "answer": _p("Sí. Testigos, padres y personal escolar pueden reportar."),
            },
            {
                "question": "¿Esto reemplaza llamar al 911?",
                "answer": _p(
                    "No. Si alguien está en peligro ahora, llame al 911. Si está pensando "
                    "en hacerse daño, llame o envíe un mensaje al 988."
                ),
            },
        ],
    },
}

# (key, page type name, content), in the order they appear on home.
PAGES = [
    ("how-reporting-works", "StandardPage", HOW_REPORTING_WORKS),
    ("know-your-rights", "StandardPage", KNOW_YOUR_RIGHTS),
    ("transfer-options", "StandardPage", TRANSFERS),
    ("resources", "ResourcesPage", RESOURCES),
    ("faq", "FaqPage", FAQ),
]
