package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class NginxConfigTest {

    /** As nginx -T prints it: each loaded file after its marker line, the include left in place in the main file. */
    private static final String DUMP = """
            # configuration file /etc/nginx/nginx.conf:
            events { worker_connections 64; }
            http {
                client_max_body_size 50m;   # a comment; with { braces }
                include /etc/nginx/sites-enabled/*;
            }

            # configuration file /etc/nginx/sites-enabled/odoo:
            server {
                proxy_read_timeout 1m30s;
                location "/web/static" { proxy_pass http://odoo; add_header X-Note 'a;b'; }
                location / { proxy_pass http://odoo; client_max_body_size 2g; }
            }
            """;

    @Test
    void includedFilesStandWhereTheIncludeIsAndValuesInheritDownwards() {
        NginxConfig config = NginxConfig.parse(DUMP);

        List<NginxConfig.Directive> locations = config.all("location");
        assertThat(locations).extracting(NginxConfig.Directive::describe).containsExactly("location /web/static", "location /");
        assertThat(locations.get(0).inherited("client_max_body_size")).contains("50m");
        assertThat(locations.get(1).inherited("client_max_body_size")).contains("2g");
        assertThat(locations.get(0).inherited("proxy_read_timeout")).contains("1m30s");
        assertThat(locations.get(0).children()).filteredOn(d -> d.name().equals("add_header"))
                .extracting(NginxConfig.Directive::args).containsExactly(List.of("X-Note", "a;b"));
    }

    @Test
    void sizesAndTimesReadAsNginxReadsThem() {
        assertThat(NginxConfig.bytes("1024")).isEqualTo(1024);
        assertThat(NginxConfig.bytes("10k")).isEqualTo(10_240);
        assertThat(NginxConfig.bytes("100M")).isEqualTo(100L << 20);
        assertThat(NginxConfig.seconds("720")).isEqualTo(720);
        assertThat(NginxConfig.seconds("12m")).isEqualTo(720);
        assertThat(NginxConfig.seconds("1m30s")).isEqualTo(90);
        assertThat(NginxConfig.seconds("1h")).isEqualTo(3600);
        assertThatThrownBy(() -> NginxConfig.seconds("soon")).hasMessage("not an nginx time: soon");
    }
}
