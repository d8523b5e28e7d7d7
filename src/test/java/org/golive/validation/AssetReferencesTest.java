package org.golive.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssetReferencesTest {

    static final String ODOO_18_LOGIN = """
            <!DOCTYPE html>
            <html lang="en-US"><head>
            <link type="image/x-icon" rel="shortcut icon" href="/web/static/img/favicon.ico"/>
            <script id="web.layout.odooscript" type="text/javascript">var odoo = {csrf_token: "x", debug: ""};</script>
            <link type="text/css" rel="stylesheet" href="/web/assets/1/a49a9c4/web.assets_frontend.min.css"/>
            <script type="text/javascript" src="/web/assets/1/7f32c1e/web.assets_frontend_minimal.min.js" onerror="__odooAssetError=1"></script>
            <script type="text/javascript" data-src="/web/assets/1/dff8e26/web.assets_frontend_lazy.min.js" onerror="__odooAssetError=1"></script>
            </head><body><img src="/web/binary/company_logo"/></body></html>
            """;

    @Test
    void readsTheBundlesTheLazyScriptAndTheFaviconOfOdoosLoginPage() {
        AssetReferences refs = AssetReferences.parse(ODOO_18_LOGIN);
        assertThat(refs.paths()).containsExactly("/web/static/img/favicon.ico", "/web/assets/1/a49a9c4/web.assets_frontend.min.css",
                "/web/assets/1/7f32c1e/web.assets_frontend_minimal.min.js", "/web/assets/1/dff8e26/web.assets_frontend_lazy.min.js");
        assertThat(refs.bundles()).hasSize(3);
        assertThat(refs.external()).isEmpty();
    }

    @Test
    void singleQuotesUnquotedValuesEntitiesAndCaseAreRead() {
        AssetReferences refs = AssetReferences.parse("<LINK REL='stylesheet' HREF='/web/assets/x/web.css?a=1&amp;b=2'>"
                + "<script src=/web/assets/y/web.js></script>");
        assertThat(refs.paths()).containsExactly("/web/assets/x/web.css?a=1&b=2", "/web/assets/y/web.js");
    }

    @Test
    void otherSitesAreListedApartAndDataUrisIgnored() {
        AssetReferences refs = AssetReferences.parse("<link rel=\"stylesheet\" href=\"https://cdn.example.com/web/assets/1/a/web.css\"/>"
                + "<link rel=\"icon\" href=\"data:image/png;base64,AAAA\"/><script src=\"//cdn.example.com/web/assets/b.js\"></script>");
        assertThat(refs.paths()).isEmpty();
        assertThat(refs.external()).containsExactly("https://cdn.example.com/web/assets/1/a/web.css", "//cdn.example.com/web/assets/b.js");
    }

    @Test
    void stylesheetsAndScriptsOutsideOdoosAssetsAndInlineScriptsAreNotCollected() {
        AssetReferences refs = AssetReferences.parse("<link rel=\"stylesheet\" href=\"/theme/site.css\"/><script>var a = 1;</script>"
                + "<link rel=\"preconnect\" href=\"/web/assets/\"/><link rel=\"canonical\" href=\"/web/login\"/>");
        assertThat(refs.paths()).isEmpty();
        assertThat(refs.bundles()).isEmpty();
    }

    @Test
    void aPageThatIsNotHtmlYieldsNothing() {
        assertThat(AssetReferences.parse("{\"status\": \"pass\"}").paths()).isEmpty();
        assertThat(AssetReferences.parse(null).paths()).isEmpty();
    }
}
