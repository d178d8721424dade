/** What a visitor sees before the first build has succeeded; French, like everything on the public site. */
export const firstBuildPendingPage = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Site en cours de publication</title>
</head>
<body>
<main>
<h1>Site en cours de publication</h1>
<p>Le site des marchés publics est en cours de construction. Merci de réessayer dans quelques instants.</p>
</main>
</body>
</html>
`;

/** Shown when a build has no 404.html of its own. */
export const fallbackNotFoundPage = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Page introuvable</title>
</head>
<body>
<main>
<h1>Page introuvable</h1>
<p>La page demandée n’existe pas ou a été déplacée. <a href="/">Retour à l’accueil</a></p>
</main>
</body>
</html>
`;
