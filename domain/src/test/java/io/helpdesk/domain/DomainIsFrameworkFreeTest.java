package io.helpdesk.domain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain speaks in commands, events and rules: no web, no SQL, no serialization annotations. */
@AnalyzeClasses(packages = "io.helpdesk.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsFrameworkFreeTest {

    @ArchTest
    static final ArchRule no_spring = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule no_sql = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..", "io.r2dbc..");

    @ArchTest
    static final ArchRule no_jackson = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("com.fasterxml.jackson..");
}
