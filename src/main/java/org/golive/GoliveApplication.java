package org.golive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GoliveApplication {

    public static void main(String[] args) {
        SpringApplication.run(GoliveApplication.class, args);
    }
}
